#!/usr/bin/env bash
# Installs what GreenLoop needs to build, test and serve, on Debian 12.
# Idempotent and quiet when everything is present.
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config make git
  # libraries (DESIGN.md, "Stack")
  libboost1.81-dev libsoci-dev libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev
  libcli11-dev libxlsxwriter-dev libopencc-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev postgresql-15 clang libclang-rt-14-dev
  sqlite3 curl procps
  # browser tests: a real Chromium, and a CJK font so Chinese is not drawn as boxes
  chromium fonts-noto-cjk
  # web build
  nodejs npm
)

missing=()
for p in "${PACKAGES[@]}"; do
  # nodejs/npm may come from elsewhere (the image's own Node 20): accept the commands.
  if [[ $p == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ $p == npm ]] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Web UI packages, from the committed lock file; only when the lock changed since the last install.
if [[ -f web/package-lock.json ]]; then
  stamp=web/node_modules/.greenloop-lock-stamp
  if [[ ! -f $stamp ]] || ! cmp -s web/package-lock.json "$stamp"; then
    echo "deps: npm ci in web/"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    cp web/package-lock.json "$stamp"
  fi
fi

#!/usr/bin/env bash
# Builds the browser UI into web/dist (vue-tsc type check + vite build), then writes
# precompressed .gz twins of every text asset so the server can serve them as they are.
# Skips the build when web/dist is newer than every input (no needless rebuilds).
# FORCE=1 rebuilds anyway.
set -euo pipefail
cd "$(dirname "$0")/../web"

stamp=dist/.build-stamp
inputs=(src index.html package.json package-lock.json vite.config.ts tsconfig.json tsconfig.app.json tsconfig.node.json public)

if [[ -z ${FORCE:-} && -f $stamp && -f dist/index.html ]]; then
  newer=$(find "${inputs[@]}" -newer "$stamp" -print -quit 2>/dev/null || true)
  if [[ -z $newer ]]; then
    echo "build-web: web/dist is up to date"
    exit 0
  fi
fi

if [[ ! -d node_modules ]]; then
  echo "build-web: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

npm run build --silent

# Precompressed twins; -k keeps the originals, -n leaves names and times out of the header.
find dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.svg' -o -name '*.json' -o -name '*.html' \) \
  -print0 | xargs -0 -r gzip -k -9 -n -f
touch "$stamp"

js_total=$(find dist -name '*.js.gz' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
echo "build-web: built web/dist ($(find dist -name '*.js' | wc -l) scripts, $((js_total / 1024)) KiB of gzipped JavaScript in all)"

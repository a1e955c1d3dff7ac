#!/usr/bin/env bash
# `make demo`: serve the Yuzhong demo district on embedded SQLite, with the demo's
# 185 data loggers simulated beside it so the district is alive.
# Web and API on http://localhost:8080, HJ 212 gateway on port 9212.
# GREENLOOP_SIMULATE=0 serves without the simulator; GREENLOOP_SCENARIO picks its scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
build/greenloop serve --demo --db sqlite:var/greenloop.db --http 127.0.0.1:8080 --hj212 127.0.0.1:9212 &
server=$!
sim=""
stop() {
  [[ -n $sim ]] && kill -TERM "$sim" 2>/dev/null || true
  kill -TERM "$server" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM
for _ in $(seq 1 100); do
  curl -fsS http://127.0.0.1:8080/healthz >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "demo: the server did not start" >&2; exit 1; }
  sleep 0.2
done
echo
echo "GreenLoop demo: open http://localhost:8080 (accounts in README.md, password greenloop-demo)"
if [[ ${GREENLOOP_SIMULATE:-1} != 0 ]]; then
  echo "Simulating the demo's data loggers (scenario ${GREENLOOP_SCENARIO:-mixed}, every 10 s)"
  build/greenloop simulate --target 127.0.0.1:9212 --interval 10 --scenario "${GREENLOOP_SCENARIO:-mixed}" &
  sim=$!
fi
wait "$server"

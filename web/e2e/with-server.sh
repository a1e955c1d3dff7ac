#!/usr/bin/env bash
# Starts build/greenloop on a fresh demo database and free loopback ports, runs the
# browser end-to-end check against it (npm run e2e), stops the server, and passes the result on.
# Usage (from the repository root, after `make build`): web/e2e/with-server.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${GREENLOOP_BIN:-$root/build/greenloop}
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port=${E2E_PORT:-$(free_port)}
hj212_port=${E2E_HJ212_PORT:-$(free_port)}
tmp=$(mktemp -d)
log=$tmp/server.log

[[ -x $bin ]] || { echo "e2e: $bin not built" >&2; exit 1; }
[[ -f $root/web/dist/index.html ]] || { echo "e2e: web/dist missing; run scripts/build-web.sh" >&2; exit 1; }

(cd "$root" && exec "$bin" serve --demo --db "sqlite:$tmp/e2e.db" --http "127.0.0.1:$port" --hj212 "127.0.0.1:$hj212_port") >"$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "e2e: server exited:" >&2; cat "$log" >&2; exit 1; fi
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { echo "e2e: server not ready" >&2; cat "$log" >&2; exit 1; }

cd "$root/web"
BASE_URL="http://127.0.0.1:$port" HJ212_TARGET="127.0.0.1:$hj212_port" GREENLOOP_BIN="$bin" node e2e/run.mjs

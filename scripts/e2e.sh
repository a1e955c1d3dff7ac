#!/usr/bin/env bash
# The browser end-to-end journey (Playwright driving Debian's Chromium) against a
# real server on a fresh demo database; screenshots go to tests/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
exec web/e2e/with-server.sh

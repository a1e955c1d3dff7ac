#!/usr/bin/env bash
# `make demo`: serve the Yuzhong demo district on embedded SQLite.
# Web and API on http://localhost:8080, HJ 212 gateway on port 9212.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
echo "GreenLoop demo: open http://localhost:8080 (accounts in README.md, password greenloop-demo)"
exec build/greenloop serve --demo --db sqlite:var/greenloop.db --http 127.0.0.1:8080 --hj212 127.0.0.1:9212

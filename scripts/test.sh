#!/usr/bin/env bash
# `npm test`: type-check, lint, then every unit and integration test. The integration tests
# start their own PostgreSQL and Temporal on free ports (test/support/global-setup.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
export SCARF_ANALYTICS=false
NEEDS_BROWSER=true NEEDS_FUZZ=true bash scripts/ensure-deps.sh
echo "== web application" && bash scripts/build-web.sh
echo "== type-check" && node_modules/.bin/tsc --noEmit -p .
echo "== lint" && node_modules/.bin/eslint --max-warnings 0 .
echo "== tests" && node_modules/.bin/jest --ci "$@"

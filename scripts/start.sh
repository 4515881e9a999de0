#!/usr/bin/env bash
# `npm start`: Temporal dev server, PostgreSQL, migrations, demo data, worker, API and web application.
# DATABASE_URL / TEMPORAL_ADDRESS switch to external servers (then none is started here).
set -euo pipefail
cd "$(dirname "$0")/.."
export SCARF_ANALYTICS=false
NEEDS_LOCAL_POSTGRES=$([[ -z "${DATABASE_URL:-}" ]] && echo true || echo false) \
NEEDS_TEMPORAL_CLI=$([[ -z "${TEMPORAL_ADDRESS:-}" ]] && echo true || echo false) \
  bash scripts/ensure-deps.sh
bash scripts/build-web.sh
exec node_modules/.bin/tsx infra/start-stack.ts

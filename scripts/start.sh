#!/usr/bin/env bash
# `npm start`: Temporal dev server, PostgreSQL, migrations, demo data, worker, API and web application,
# run as compiled JavaScript (npm run build, incremental). `npm run start:source` (this script with
# --source) runs the TypeScript sources under tsx instead, skipping the build.
# DATABASE_URL / TEMPORAL_ADDRESS switch to external servers (then none is started here).
set -euo pipefail
cd "$(dirname "$0")/.."
export SCARF_ANALYTICS=false
NEEDS_LOCAL_POSTGRES=$([[ -z "${DATABASE_URL:-}" ]] && echo true || echo false) \
NEEDS_TEMPORAL_CLI=$([[ -z "${TEMPORAL_ADDRESS:-}" ]] && echo true || echo false) \
  bash scripts/ensure-deps.sh
bash scripts/build-web.sh
if [[ "${1:-}" == "--source" ]]; then
  exec node_modules/.bin/tsx infra/start-stack.ts
fi
echo "[start] compiling the runtime (npm run build)..."
bash scripts/build.sh
exec node --max-semi-space-size=1 dist/infra/start-stack.js

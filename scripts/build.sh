#!/usr/bin/env bash
# `npm run build`: the runtime compiled to dist/ (tsc, incremental) and the workflows bundled once,
# so that `npm start` and production run plain `node` (no TypeScript loader, no webpack at start-up).
set -euo pipefail
cd "$(dirname "$0")/.."
node_modules/.bin/tsc -p tsconfig.build.json
node dist/scripts/bundle-workflows.js

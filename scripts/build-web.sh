#!/usr/bin/env bash
# The web application: its typed API client is generated from the API's own OpenAPI document,
# then it is type-checked and built into web/dist (served by the API under /app/).
# Skipped when nothing it is made from changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=web/dist/.built-from
sources=$( { find web/src web/index.html web/vite.config.mts web/tsconfig.json api procedures rules -type f -newer "$stamp" 2>/dev/null || echo changed; } | head -1)
if [[ -f "$stamp" && -z "$sources" && package-lock.json -ot "$stamp" && "${FORCE_WEB_BUILD:-}" != "1" ]]; then
  echo "Web application up to date."
  exit 0
fi

echo "Building the web application..."
node_modules/.bin/tsx scripts/write-openapi.ts web/openapi.json
node_modules/.bin/openapi-typescript web/openapi.json -o web/src/api/openapi.d.ts >/dev/null
node_modules/.bin/tsc --noEmit -p web
node_modules/.bin/vite build web --logLevel warn
touch "$stamp"

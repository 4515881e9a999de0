#!/usr/bin/env bash
# Everything the project needs on a fresh machine of its kind, each step skipped when done:
# npm packages, PostgreSQL server binaries, the generated Prisma client, the Temporal CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "Installing npm packages..."
  # Not `npm ci`: this machine's registry lacks the other platforms' optional binaries
  # (@swc/core-darwin-*, ...), so the lock cannot list them and `npm ci` rejects it as out of
  # sync. `npm install` follows the lock just the same and leaves it unchanged.
  npm install --no-audit --no-fund
fi

needs_local_postgres=${NEEDS_LOCAL_POSTGRES:-true}
if [[ "$needs_local_postgres" == "true" && -z "${PG_BIN_DIR:-}" ]] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    echo "Installing PostgreSQL server binaries (Debian package)..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL server binaries are missing: install PostgreSQL, set PG_BIN_DIR, or set DATABASE_URL" >&2
    exit 1
  fi
fi

# `prisma generate` needs no schema engine, but the CLI insists on finding one: point it at an
# empty placeholder (INFRA.md); migrations are applied by db/migrate.ts instead.
if [[ ! -f generated/prisma/client.ts || prisma/schema.prisma -nt generated/prisma/client.ts ]]; then
  mkdir -p .tools
  touch .tools/no-schema-engine
  PRISMA_SCHEMA_ENGINE_BINARY="$PWD/.tools/no-schema-engine" npx --no-install prisma generate >/dev/null
  echo "Prisma client generated."
fi

# The browser tests drive Debian's Chromium (Playwright's own browser download is unreachable here).
if [[ "${NEEDS_BROWSER:-false}" == "true" && -z "${CHROMIUM_PATH:-}" && ! -x /usr/bin/chromium ]]; then
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    echo "Installing Chromium (Debian package) for the browser tests..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null
  else
    echo "Chromium is missing: install Debian's chromium package, or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi

# The API fuzzer (test/integration/fuzz-smoke.test.ts, fuzz/run.ts): schemathesis from PyPI, pinned,
# in the ignored .venv-fuzz/.
if [[ "${NEEDS_FUZZ:-false}" == "true" ]]; then
  bash scripts/ensure-schemathesis.sh
fi

if [[ "${NEEDS_TEMPORAL_CLI:-true}" == "true" ]]; then
  bash scripts/ensure-temporal-cli.sh
fi

# The Temporal Server with PostgreSQL persistence, only when asked for (TEMPORAL_PERSISTENCE=postgresql).
if [[ "${TEMPORAL_PERSISTENCE:-}" == "postgresql" ]]; then
  bash scripts/ensure-temporal-server.sh
fi

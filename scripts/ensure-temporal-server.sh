#!/usr/bin/env bash
# Builds the Temporal Server itself (not the CLI's dev server) and its SQL schema tool, pinned at
# the version the CLI embeds (v1.29.1, see ensure-temporal-cli.sh), from the Go module proxy into
# .tools/temporal-server/<version>/, once, with the PostgreSQL schema files copied beside them.
# Used by infra/temporal-sql-server.ts (TEMPORAL_PERSISTENCE=postgresql, npm run temporal:postgresql).
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_SERVER_VERSION="v1.29.1"
DIR="$PWD/.tools/temporal-server/$TEMPORAL_SERVER_VERSION"

if [[ -x "$DIR/server" && -x "$DIR/sql" && -d "$DIR/schema/postgresql/v12" ]]; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "Go is needed to build Temporal Server $TEMPORAL_SERVER_VERSION; install Go" >&2
  exit 1
fi

echo "Building Temporal Server $TEMPORAL_SERVER_VERSION and its SQL tool into .tools/temporal-server (a few minutes, once)..."
started=$SECONDS
mkdir -p "$DIR"
GOBIN="$DIR" GOFLAGS=-mod=mod go install "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION"
GOBIN="$DIR" GOFLAGS=-mod=mod go install "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION"
module_dir="$(go env GOMODCACHE)/go.temporal.io/server@$TEMPORAL_SERVER_VERSION"
rm -rf "$DIR/schema" && mkdir -p "$DIR/schema/postgresql"
cp -R "$module_dir/schema/postgresql/v12" "$DIR/schema/postgresql/"
chmod -R u+w "$DIR/schema"
echo "Temporal Server built in $((SECONDS - started)) s: $("$DIR/server" --version 2>&1 | head -1)"

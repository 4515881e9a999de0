#!/usr/bin/env bash
# Builds the pinned Temporal CLI (the real Temporal Server, dev mode) into .tools/bin, once.
# v1.5.1 is the newest tag `go install` accepts (later go.mod files carry a replace directive);
# it embeds Temporal Server 1.29.1. TEMPORAL_CLI=/path/to/temporal, or a `temporal` on PATH,
# stands in for it.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_CLI_VERSION="v1.5.1"
BIN_DIR="$PWD/.tools/bin"
STAMP="$BIN_DIR/temporal.version"

if [[ -n "${TEMPORAL_CLI:-}" ]]; then
  [[ -x "$TEMPORAL_CLI" ]] || { echo "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable" >&2; exit 1; }
  exit 0
fi
if [[ -x "$BIN_DIR/temporal" && "$(cat "$STAMP" 2>/dev/null)" == "$TEMPORAL_CLI_VERSION" ]]; then
  exit 0
fi
if [[ ! -x "$BIN_DIR/temporal" ]] && command -v temporal >/dev/null 2>&1; then
  echo "Using the temporal CLI on PATH: $(command -v temporal)"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "Go is needed to build the Temporal CLI ($TEMPORAL_CLI_VERSION); install Go, or set TEMPORAL_CLI" >&2
  exit 1
fi

echo "Building Temporal CLI $TEMPORAL_CLI_VERSION into .tools/bin (a few minutes, once)..."
mkdir -p "$BIN_DIR"
started=$SECONDS
GOBIN="$BIN_DIR" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
echo "$TEMPORAL_CLI_VERSION" > "$STAMP"
echo "Temporal CLI built in $((SECONDS - started)) s: $("$BIN_DIR/temporal" --version)"

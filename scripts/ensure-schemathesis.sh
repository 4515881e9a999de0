#!/usr/bin/env bash
# The API fuzzer (issue #17): schemathesis from PyPI, pinned, in an ignored virtual environment
# `.venv-fuzz/`. Quiet and quick when it is already there at the pinned version.
#   bash scripts/ensure-schemathesis.sh   → prints nothing when present; .venv-fuzz/bin/st afterwards
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
VENV=.venv-fuzz
STAMP="$VENV/.schemathesis-$SCHEMATHESIS_VERSION"

if [[ -f "$STAMP" && -x "$VENV/bin/st" ]]; then
  exit 0
fi

PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "python3 is missing: the API fuzzer (schemathesis) needs Python 3.10 or newer" >&2
  exit 1
fi

echo "Installing schemathesis $SCHEMATHESIS_VERSION into $VENV/ ..."
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
  "schemathesis==$SCHEMATHESIS_VERSION"
"$VENV/bin/st" --version >/dev/null
touch "$STAMP"
echo "schemathesis $SCHEMATHESIS_VERSION installed ($VENV/bin/st)."

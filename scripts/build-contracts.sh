#!/usr/bin/env bash
# Compiles the contracts from scratch and fails on any compiler warning (warnings are errors here),
# then regenerates the committed ABIs.
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
ensure_toolchain
cd "$PROJECT_ROOT"

output=$(npx hardhat build --force 2>&1 | grep -v '^npm warn' || true)
printf '%s\n' "$output"
if grep -q '^Warning' <<<"$output"; then
  echo "Compiler warnings are treated as errors: fix them above." >&2
  exit 1
fi
if grep -qE '^(Error|HHE)|Compilation failed' <<<"$output"; then
  exit 1
fi
node scripts/export-abis.ts

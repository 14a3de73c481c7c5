#!/usr/bin/env bash
# `npm test`: every check and test of the project, on a fresh machine, ending with one line
# "N passed, N failed". Each suite's log is kept in .runtime/test-results/ for reading failures.
set -uo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
source "$(dirname "$0")/lib/chromium.sh"
ensure_toolchain || { echo "0 passed, 1 failed"; exit 1; }
cd "$PROJECT_ROOT"

RESULTS_DIR=.runtime/test-results
rm -rf "$RESULTS_DIR" && mkdir -p "$RESULTS_DIR"
total_passed=0
total_failed=0

# A check passes or fails as one unit (a build, a type check, a freshness check).
run_check() {
  local name=$1; shift
  log "check: $name"
  if "$@" >"$RESULTS_DIR/$name.log" 2>&1; then
    total_passed=$((total_passed + 1))
  else
    total_failed=$((total_failed + 1))
    log "FAILED: $name (see $RESULTS_DIR/$name.log)"; tail -n 30 "$RESULTS_DIR/$name.log" >&2
  fi
}

# A suite reports its own counts: mocha's "N passing" / "N failing" (Hardhat's Solidity runner too), or
# jest's summary line "Tests:       1 failed, 2 skipped, 50 passed, 53 total".
run_suite() {
  local name=$1; shift
  log "suite: $name"
  "$@" 2>&1 | grep -v '^npm warn' | tee "$RESULTS_DIR/$name.log"
  local status=${PIPESTATUS[0]}
  local passed failed jest_summary
  jest_summary=$(grep -E '^Tests: ' "$RESULTS_DIR/$name.log" | tail -n 1)
  if [ -n "$jest_summary" ]; then
    passed=$(grep -Eo '[0-9]+ passed' <<<"$jest_summary" | awk '{s+=$1} END {print s+0}')
    failed=$(grep -Eo '[0-9]+ failed' <<<"$jest_summary" | awk '{s+=$1} END {print s+0}')
  else
    passed=$(grep -Eo '^\s*[0-9]+ passing' "$RESULTS_DIR/$name.log" | awk '{s+=$1} END {print s+0}')
    failed=$(grep -Eo '^\s*[0-9]+ failing' "$RESULTS_DIR/$name.log" | awk '{s+=$1} END {print s+0}')
  fi
  # A runner that crashed before counting (or a jest test file that failed to load) still fails the run.
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
}

run_check contracts-build bash scripts/build-contracts.sh
# Boots the app module's graph (no connections) and regenerates the committed OpenAPI document.
run_check openapi-export node --import @swc-node/register/esm-register scripts/export-openapi.ts
if [ "${CI:-}" = "true" ]; then
  run_check generated-files-committed git diff --exit-code -- abi/
  run_check openapi-committed bash -c 'git ls-files --error-unmatch openapi.json && git diff --exit-code -- openapi.json'
fi
run_check typecheck npx tsc --noEmit -p tsconfig.json
run_suite contracts npx hardhat test solidity
run_suite chain npx hardhat test mocha
# Unit tests, then end-to-end tests against embedded PostgreSQL, redis-server and anvil (jest.config.js).
run_suite backend node --experimental-vm-modules node_modules/jest/bin/jest.js --ci --selectProjects unit e2e
# The web pages in chromium, against a platform of their own (the project's global setup starts it).
if ensure_chromium; then
  run_suite browser node --experimental-vm-modules node_modules/jest/bin/jest.js --ci --selectProjects browser
else
  total_failed=$((total_failed + 1))
fi

summary="$total_passed passed, $total_failed failed"
echo "$summary" >"$RESULTS_DIR/summary"
echo "$summary"
[ "$total_failed" -eq 0 ]

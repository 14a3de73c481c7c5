#!/usr/bin/env bash
# `npm start`: the whole platform on one machine with embedded defaults: a local chain (anvil) with the
# contract suite deployed, a private PostgreSQL and redis-server, the reference tax service, the API and
# the workers, and the demo organisations with their API keys printed. Set DATABASE_URL, REDIS_URL,
# CHAIN_RPC_URL (+ CHAIN_DEPLOYMENT_FILE, OPERATOR_PRIVATE_KEY) to use your own instead. Ctrl-C stops it all.
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
ensure_toolchain
cd "$PROJECT_ROOT"

log "building contracts"
npx hardhat build --quiet >/dev/null
exec node --import @swc-node/register/esm-register backend/main.ts

#!/usr/bin/env bash
# `npm start`: a local chain on 127.0.0.1 with the contract suite deployed and the demo organisations
# onboarded. Stops the chain on Ctrl-C. (The API, workers and web pages arrive with the backend issues.)
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
ensure_toolchain
cd "$PROJECT_ROOT"

CHAIN_PORT=${CHAIN_PORT:-8545}
export CHAIN_RPC_URL="http://127.0.0.1:$CHAIN_PORT"
mkdir -p .runtime

rpc_answers() {
  node -e 'fetch(process.argv[1], {method: "POST", headers: {"content-type": "application/json"},
    body: JSON.stringify({jsonrpc: "2.0", id: 1, method: "eth_chainId", params: []})})
    .then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$CHAIN_RPC_URL"
}

if rpc_answers; then
  log "something already answers JSON-RPC on port $CHAIN_PORT: stop it or set CHAIN_PORT"
  exit 1
fi

log "building contracts"
npx hardhat build --quiet >/dev/null
log "starting the local chain on $CHAIN_RPC_URL (log: .runtime/chain.log)"
npx hardhat node --hostname 127.0.0.1 --port "$CHAIN_PORT" >.runtime/chain.log 2>&1 &
chain_pid=$!
trap 'kill "$chain_pid" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 120); do
  rpc_answers && break
  kill -0 "$chain_pid" 2>/dev/null || { log "the chain exited: see .runtime/chain.log"; exit 1; }
  sleep 0.5
done
rpc_answers || { log "the chain did not answer within 60 s"; exit 1; }

log "deploying the contract suite"
npx hardhat run scripts/deploy.ts --network rpc
log "onboarding the demo organisations"
npx hardhat run scripts/seed-demo.ts --network rpc

log "ready: JSON-RPC on $CHAIN_RPC_URL, addresses in deployments/31337.json. Ctrl-C stops the chain."
wait "$chain_pid"

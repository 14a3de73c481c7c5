import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { defineConfig } from "hardhat/config";

// The compiler comes from the `solc` npm package (WASM), so compiling never downloads anything.
const require = createRequire(import.meta.url);
const solcVersion: string = require("solc/package.json").version;

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: solcVersion,
    path: require.resolve("solc/soljson.js"),
    settings: {
      // OpenZeppelin 5.5+ uses `mcopy`; a Besu genesis for this suite must enable Cancun as well.
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 200 },
    },
  },
  paths: {
    tests: { solidity: "./test/solidity", mocha: "./test/chain" },
  },
  test: {
    solidity: {
      fuzz: { runs: 256, seed: "0x5c5f" },
      invariant: { runs: 64, depth: 40, failOnRevert: false },
    },
  },
  networks: {
    // Any JSON-RPC chain (anvil, hardhat node, Besu): `CHAIN_RPC_URL=... npm run deploy -- --network rpc`.
    rpc: {
      type: "http",
      url: process.env.CHAIN_RPC_URL ?? "http://127.0.0.1:8545",
      accounts: process.env.DEPLOYER_PRIVATE_KEY ? [process.env.DEPLOYER_PRIVATE_KEY] : "remote",
    },
  },
});

// Backend tests: jest 30 in native ESM mode (node --experimental-vm-modules), TypeScript through SWC with
// decorator metadata on, which NestJS dependency injection needs. Tests import their globals from
// @jest/globals, so jest's and mocha's global types never meet in one program.
//
// Three projects: `unit` (pure logic, no servers), `e2e` (test/backend/e2e/, and *.e2e.test.ts anywhere
// under test/backend/), whose global setup starts PostgreSQL, redis-server and a local chain with the
// suite deployed once for the whole run (see test/backend/e2e/global-setup.ts), and `browser`
// (test/backend/browser/*.browser.test.ts: the web pages in chromium, on the same kind of platform).
const shared = {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: "es2023",
        },
        module: { type: "es6" },
      },
    ],
  },
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
};

const e2eTests = ["<rootDir>/test/backend/e2e/**/*.test.ts", "<rootDir>/test/backend/**/*.e2e.test.ts"];

export default {
  // One test file at a time: the e2e files share one chain and the platform operator's key, and two writers
  // signing with one key from two databases would race for nonces (production has one database per key).
  maxWorkers: 1,
  // Also bounds hooks: closing an app waits for its BullMQ workers' blocking Redis calls to return.
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: "unit",
      testMatch: ["<rootDir>/test/backend/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/backend/e2e/", "\\.e2e\\.test\\.ts$", "\\.browser\\.test\\.ts$"],
    },
    {
      ...shared,
      displayName: "e2e",
      testMatch: e2eTests,
      globalSetup: "<rootDir>/test/backend/e2e/global-setup.ts",
      globalTeardown: "<rootDir>/test/backend/e2e/global-teardown.ts",
      // Booting Nest and migrating a fresh database takes a few seconds on a shared 2-core machine.
      testTimeout: 60_000,
    },
    {
      ...shared,
      displayName: "browser",
      // The web pages in Debian's chromium through playwright-core, against the same embedded platform. Run on
      // its own (`--selectProjects browser`): each project's global setup starts a platform of its own.
      testMatch: ["<rootDir>/test/backend/browser/**/*.browser.test.ts"],
      globalSetup: "<rootDir>/test/backend/e2e/global-setup.ts",
      globalTeardown: "<rootDir>/test/backend/e2e/global-teardown.ts",
      testTimeout: 90_000,
    },
  ],
};

// Backend tests: jest 30 in native ESM mode (node --experimental-vm-modules), TypeScript through SWC with
// decorator metadata on, which NestJS dependency injection needs. Tests import their globals from
// @jest/globals, so jest's and mocha's global types never meet in one program.
export default {
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
  testMatch: ["<rootDir>/test/backend/**/*.test.ts"],
};

/** Tests are transformed with esbuild: TypeScript 7 has no JavaScript API for ts-jest. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "<rootDir>/test/support/esbuild-transform.js" },
  // Builds dist/ when it is missing or stale: the Apps Script tests load the bundle.
  globalSetup: "<rootDir>/test/support/global-setup.js",
  moduleFileExtensions: ["ts", "js", "json"],
  // Generous: the offline suites spawn the CLI and LibreOffice, slow on a busy 2-core machine.
  testTimeout: 180000,
};

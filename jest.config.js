/** Tests are transformed with esbuild: TypeScript 7 has no JavaScript API for ts-jest. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "<rootDir>/test/support/esbuild-transform.js" },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 60000,
};

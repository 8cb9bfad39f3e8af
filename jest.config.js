/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Type checking is `npm run typecheck`'s job; here ts-jest only transpiles,
  // which keeps the suite fast (the provider's type declarations are large).
  transform: {
    "^.+\\.ts$": ["ts-jest", { isolatedModules: true, diagnostics: false }],
  },
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
  clearMocks: true,
};

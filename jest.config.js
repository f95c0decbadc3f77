/**
 * ts-jest in ESM mode: tests import the real modules (with their .js suffixes) from src/. Coverage
 * of src/ is collected on every run, and a line of src/ that no test reaches fails it past the
 * threshold; the stand-in, the demo and the scripts are tooling, not product.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testTimeout: 20000,
  // A temporary folder of the suite's own, which must be empty at the end. Jest loads each of the
  // two files alone, outside the module mapper: they cannot import from the tests.
  globalSetup: '<rootDir>/__tests__/global/setup.ts',
  globalTeardown: '<rootDir>/__tests__/global/teardown.ts',
  // Two workers on two cores: most of a test's time is waiting on a stand-in, not computing.
  maxWorkers: 2,
  collectCoverage: true,
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.generated.ts'],
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: { global: { lines: 90 } }
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // Integration and end-to-end suites start real HTTP servers; keep them from starving each other on small CI machines.
  maxWorkers: 2,
  testTimeout: 30000,
};

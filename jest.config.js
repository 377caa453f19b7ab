/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // tsconfig sets isolatedModules, so ts-jest transpiles file by file (fast); `npm run typecheck` checks types.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // jose 6 ships ES modules only; Node 20 loads them with require(), Jest's module system needs them as CommonJS.
    // auto-bind 5 (under GraphQL Code Generator's plugins, test/unit/codegen.test.ts) likewise.
    '^.+/node_modules/(jose|auto-bind)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/|auto-bind/)'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};

/**
 * One run covers unit specs (beside the code, *.spec.ts) and e2e specs (test/*.e2e-spec.ts).
 * NestJS 12 ships ESM only; @swc/jest compiles it (and our TypeScript) to CommonJS, which is
 * what Jest 30 can load on Node 20 (see docs/toolchain notes in the README).
 */
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Lazy imports name the compiled file (`import('../emulator/index.js')`); tests load the .ts.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@apidevtools|file-type|strtok3|token-types|@tokenizer|uint8array-extras|openapi-typescript|parse-json|index-to-position|supports-color|yargs-parser|change-case)/)',
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
};

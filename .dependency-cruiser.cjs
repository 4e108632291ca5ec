/**
 * The module map, checked in `npm test` (npm run lint:modules). docs/modules.md explains it.
 * Arrows point down: a module may use the ones listed for it, never one above it.
 */
const FEATURES = 'auth|ebay|tokens|accounts|ebay-oauth|account-deletion|health|sync|rate-limits|metrics|emulator|overview|ebay-proxy|events';

/** Each module and the modules below it that it may import (besides itself). */
const MAY_USE = {
  config: [],
  database: ['config'],
  common: ['config', 'database'],
  // Beside common: every feature may record metrics.
  metrics: ['common', 'config'],
  'rate-limits': ['common', 'config', 'database', 'metrics'],
  auth: ['common', 'config', 'database', 'metrics', 'rate-limits'],
  ebay: ['common', 'config', 'metrics', 'emulator'],
  events: ['common', 'config', 'database', 'metrics', 'auth'],
  tokens: ['common', 'config', 'database', 'metrics', 'ebay', 'events'],
  accounts: ['common', 'config', 'database', 'metrics', 'rate-limits', 'auth', 'ebay', 'tokens', 'events'],
  'ebay-oauth': ['common', 'config', 'database', 'metrics', 'auth', 'ebay', 'accounts', 'events'],
  'account-deletion': ['common', 'config', 'database', 'metrics', 'auth', 'ebay', 'accounts', 'sync', 'events'],
  health: ['common', 'config', 'database', 'metrics', 'auth', 'ebay', 'tokens', 'accounts', 'events'],
  overview: ['common', 'config', 'database', 'metrics', 'auth', 'ebay', 'tokens', 'accounts', 'rate-limits', 'health'],
  sync: ['common', 'config', 'database', 'metrics', 'auth', 'ebay', 'tokens', 'accounts', 'events'],
  'ebay-proxy': ['common', 'config', 'database', 'metrics', 'auth', 'ebay', 'tokens', 'accounts'],
  emulator: [],
};

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules and files form a DAG: no import cycle, at any length.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...Object.entries(MAY_USE).map(([module, allowed]) => ({
      name: `layers-${module}`,
      comment: `${module} may use only: ${allowed.join(', ') || 'nothing else in src'}.`,
      severity: 'error',
      from: { path: `^src/${module}/` },
      to: { path: '^src/', pathNot: [`^src/(${[module, ...allowed].join('|')})/`] },
    })),
    {
      name: 'through-public-surface',
      comment:
        "A feature module is reached from another module only through its index.ts (what it exports). " +
        'Composition roots (src/*.ts, src/cli/) and tests may wire internals.',
      severity: 'error',
      from: { path: `^src/(${FEATURES}|common|config|database)/` },
      to: {
        path: `^src/(${FEATURES})/`,
        pathNot: ['^src/$1/', `^src/(${FEATURES})/index\\.ts$`],
      },
    },
    {
      name: 'swagger-stays-lazy',
      comment:
        '@nestjs/swagger loads at the first request for the docs (src/openapi.ts imports it dynamically); ' +
        'decorators come from src/common/openapi/openapi-decorators.ts, types may be imported anywhere.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '@nestjs/swagger', dependencyTypesNot: ['type-only', 'dynamic-import'] },
    },
    {
      name: 'emulator-stays-out',
      comment: 'The eBay emulator is loaded only by its in-process host (lazily) and by tests and benchmarks.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/emulator/', '^src/ebay/local-emulator\\.host\\.ts$'] },
      to: { path: '^src/emulator/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};

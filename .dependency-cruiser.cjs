// Import boundaries, checked by `npm run lint` (dependency-cruiser resolves every import, aliases included):
// a lib imports only libs below it in the thread order, the web app imports no server code (only the shared
// words), no lib's code imports the test folder or an app. docs/ARCHITECTURE.md explains the order.
const ORDER = [
  'words',
  'core',
  'notifications',
  'identity',
  'catalog',
  'needs',
  'testbed',
  'procurement',
  'followup',
  'knowledge',
  'thread',
  'federation',
];
const TEST_FILE = '\\.(spec|int-spec|e2e-spec)\\.tsx?$';

const upward = ORDER.map((lib, rank) => ({
  name: `thread-order-${lib}`,
  comment: `libs/${lib} may import only the libs below it: ${ORDER.slice(0, rank).join(', ') || 'none'}`,
  severity: 'error',
  from: { path: `^libs/${lib}/` },
  to: { path: `^libs/(${ORDER.slice(rank + 1).join('|') || '$^'})/` },
})).filter((rule) => !rule.to.path.includes('($^)'));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'words-has-no-dependencies',
      comment: 'libs/words is imported by the browser and the server alike: it imports nothing but itself.',
      severity: 'error',
      from: { path: '^libs/words/' },
      to: { pathNot: '^libs/words/' },
    },
    {
      name: 'web-imports-no-server-code',
      comment: 'apps/web runs in the browser: no server lib, app, migration or test, only libs/words.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(libs/(?!words/)|apps/(?!web/)|migrations/|test/|bench/|data-source)' },
    },
    {
      name: 'lib-imports-no-test',
      comment: "A lib's code never imports test/ (its own *.spec.ts and *.int-spec.ts files may use test/support).",
      severity: 'error',
      from: { path: '^libs/', pathNot: TEST_FILE },
      to: { path: '^test/' },
    },
    {
      name: 'lib-imports-no-app',
      comment: 'Apps compose libs; a lib never reaches into an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle between modules hides which one owns what (and breaks ESM initialisation). Type-only imports and ' +
        "TypeORM's two-sided relations between entities (resolved lazily through `() => Entity`) are not cycles at run time.",
      severity: 'error',
      from: { path: '^(libs|apps)/', pathNot: `${TEST_FILE}|\\.entity\\.ts$` },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/|graphql-env\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      conditionNames: ['development', 'import', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};

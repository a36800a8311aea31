// ESLint for the whole repository (server, web app, tests, scripts): typescript-eslint's type-checked
// recommendations, tuned below where a rule fights the stack rather than finding bugs. Formatting is Prettier's
// job (`prettier --check` in `npm run lint`), so no stylistic rule is turned on here. Import boundaries (thread
// order, web app vs server, no lib importing test/) are checked by dependency-cruiser (.dependency-cruiser.cjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.noden/**',
      'test/artifacts/**',
      'apps/web/src/graphql-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // Plain JavaScript outside any tsconfig (configs, scripts, benches) still gets linted.
          allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'bench/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Nest's injection and TypeORM's entities are classes; empty constructors and classes with only decorators
      // are how the framework is used.
      '@typescript-eslint/no-extraneous-class': 'off',
      // `_name` marks an argument a signature requires but the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Numbers and booleans in messages and SQL fragments are intended; objects never are (still an error).
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      // Fire-and-forget is written `void promise`; handlers passed to React and Node may return promises.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      // Nest resolvers and services are declared `async` for a uniform signature even when one path is synchronous.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Raw SQL only in query modules (docs/ARCHITECTURE.md, "How data is read and written"): a domain's
    // `*.queries.ts` holds its statements as typed functions that take the transaction's manager, and core's
    // database plumbing keeps its own. Everywhere else reads and writes through the repository/EntityManager, the
    // list helpers, or a query module's function. The web app's `client.query` is GraphQL, not SQL.
    files: ['**/*.ts'],
    ignores: [
      '**/*.queries.ts',
      'libs/core/src/database/**',
      'migrations/**',
      'test/**',
      'bench/**',
      'scripts/**',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'apps/web/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message:
            "Raw SQL belongs in the domain's query module (`*.queries.ts`): a typed function taking the transaction's manager and returning camelCase rows.",
        },
      ],
    },
  },
  {
    // Tests read GraphQL answers as untyped JSON (`api.gql` answers `any` fields) and assert on them: Jest's
    // matchers are the type check there, so the any-rules would only ask for casts. Service code keeps them.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);

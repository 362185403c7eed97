import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'web-angular/**', 'artifacts/**', '.angular/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  // Packages are used by their names and declared entry points, never by a path into their build or
  // source; who may import whom is drawn in docs/architecture.md.
  ...packageBoundaries(),
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  // docker/'s checks are plain ESM Jasmine specs (no build step).
  {
    files: ['docker/checks/**/*.spec.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.jasmine } },
  },
);

function packageBoundaries() {
  const deepImports = [
    {
      group: ['@e-contract/*/dist', '@e-contract/*/dist/*', '@e-contract/*/src', '@e-contract/*/src/*'],
      message: 'Import a package by its name and an entry of its exports map, not a path into its build or source.',
    },
    {
      regex: String.raw`^(\.\./)+(contracts|platform|command-side|projections|query-side|host|web-angular|e2e|bench)/`,
      message: 'Another package is imported by its name, not by a relative path.',
    },
  ];
  const packages = ['contracts', 'platform', 'command-side', 'projections', 'query-side', 'host'];
  const mayNotImport = {
    contracts: packages.filter((p) => p !== 'contracts'),
    platform: ['command-side', 'projections', 'query-side', 'host'],
    'command-side': ['projections', 'query-side', 'host'],
    projections: ['command-side', 'query-side', 'host'],
    'query-side': ['command-side', 'host'],
  };
  const rules = (forbidden) => ({
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...deepImports,
          ...(forbidden.length > 0
            ? [
                {
                  group: forbidden.flatMap((p) => [`@e-contract/${p}`, `@e-contract/${p}/*`]),
                  message: 'This package may not depend on that one (docs/architecture.md, "Packages").',
                },
              ]
            : []),
        ],
      },
    ],
  });
  return [
    { files: ['**/*.ts', '**/*.mjs'], rules: rules([]) },
    ...Object.entries(mayNotImport).map(([pkg, forbidden]) => ({ files: [`${pkg}/**/*.ts`], rules: rules(forbidden) })),
  ];
}

// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', '.vigil/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true }],
      'no-console': 'error',
    },
  },
  {
    files: ['scripts/**', 'bin/**', 'bench/**', 'apps/cli/**', 'test/**', '*.js', '*.mjs'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The dashboard is typed against the API's schemas but ships without them: type imports only.
    files: ['apps/dashboard/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'The dashboard bundle carries no zod.', allowTypeImports: true }],
          patterns: [
            {
              group: ['@vigil/*', '@vigil/*/*', '**/libs/**'],
              message: 'The dashboard reads the API only: import types from @vigil/contract/api.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);

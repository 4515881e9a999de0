// Lint rules that catch real defects here: floating promises (a lost activity or DB write),
// Node built-ins in workflow code (non-determinism), and type-only imports kept type-only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'generated/', '.data/', '.tools/', 'coverage/', 'web/dist/', 'dist/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  // Benchmarks and the fuzzer are commands whose output is their result.
  { files: ['bench/**/*.ts', 'fuzz/**/*.ts'], rules: { 'no-console': 'off' } },
  {
    files: ['workflows/**/*.ts', 'procedures/**/*.workflow.ts', 'procedures/**/definition.ts', 'procedures/workflows.ts', 'procedures/procedure-definition.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process'], message: 'Workflow code must be deterministic: do I/O in activities.' },
            { group: ['**/activities', '**/activities/*'], allowTypeImports: true, message: 'Import activities as types only; call them through proxyActivities.' },
            { group: ['@prisma/*', '**/generated/prisma/*', 'pg'], allowTypeImports: true, message: 'No database access in workflow code (type imports are erased).' },
          ],
        },
      ],
    },
  },
);

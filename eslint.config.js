import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'bench/data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The shells use the core through its one public entry, so its inside can change freely.
    files: ['worker/**/*.ts', 'addin/**/*.ts', 'addin/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/core/**', '!**/core/index.ts'], message: 'Import the core through core/index.ts only.' }],
      }],
    },
  },
  {
    // The core is pure: no file system, network, Office.js or workbook library.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          {
            group: ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'child_process', 'exceljs', 'jszip', 'nodemailer', '@microsoft/*', 'office-js'],
            message: 'The core is pure: no file system, network, Office.js or workbook library.',
          },
          { group: ['**/worker/**', '**/addin/**'], message: 'The core knows nothing of its shells.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The core takes the as-of date as an input.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core takes the as-of date as an input.' },
      ],
    },
  },
);

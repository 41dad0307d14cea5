// @ts-check
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      '.vscode-test/**',
      'test/baseline/fixtures/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The analysis core and what presents it (explanations, reports, protocol types) are pure:
    // no editor, no protocol library, no Node built-ins, no I/O.
    files: [
      'server/src/analysis/**/*.ts',
      'server/src/capture/**/*.ts',
      'server/src/explain/**/*.ts',
      'server/src/report/**/*.ts',
      'server/src/protocol.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'analysis/ is pure: no Node built-ins.',
            })),
            { name: 'vscode', message: 'analysis/ must not depend on the editor.' },
          ],
          patterns: [
            {
              group: ['vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'],
              message: 'analysis/ must not depend on LSP packages.',
            },
            {
              group: ['../lsp/**', '../lsp', '../cli/**', '../cli', '**/client/**'],
              message: 'analysis/ depends on nothing outside itself.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'analysis/ is pure: no process access.' },
        { name: 'require', message: 'analysis/ is pure.' },
        { name: 'console', message: 'analysis/ returns data; it does not log.' },
      ],
    },
  },
  {
    // The language-server wiring adapts analysis/ to LSP; it never talks to the editor API.
    files: ['server/src/lsp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The server runs outside the extension host.' }],
          patterns: [
            { group: ['**/client/**'], message: 'The server must not import client code.' },
          ],
        },
      ],
    },
  },
  {
    // The client goes through the language server; it never imports the analysis core.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/src/analysis/**', '**/server/src/lsp/**'],
              message: 'The client talks to the server through LSP only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The sequence-diagram webview runs in a browser sandbox and shows text from capture files:
    // no editor API, no Node, nothing from the host but the message types; no markup from strings.
    files: ['client/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'The webview runs in a browser: no Node built-ins.',
            })),
            { name: 'vscode', message: 'The webview talks to the host through messages only.' },
          ],
          patterns: [
            {
              group: ['**/src/webviewProtocol'],
              allowTypeImports: true,
              message: 'Only `import type` from webviewProtocol: nothing of the host is bundled.',
            },
            {
              group: ['**/src/*', '!**/src/webviewProtocol', '**/server/**', 'vscode-*'],
              message: 'The webview imports only its own modules and webviewProtocol types.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Insert capture text with textContent.' },
        { property: 'outerHTML', message: 'Insert capture text with textContent.' },
        { property: 'insertAdjacentHTML', message: 'Insert capture text with textContent.' },
        { object: 'document', property: 'write', message: 'Build elements with the DOM API.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'eval', message: 'No eval in the webview (the CSP forbids it too).' },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);

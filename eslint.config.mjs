// Lint rules, including the module boundaries of ARCHITECTURE.md: a wrong import arrow fails here,
// not in review. Only src/extension (and the integration suite) may import `vscode`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const vscodeOnlyInExtension = { name: 'vscode', message: 'Only src/extension may import vscode (ARCHITECTURE.md).' };
const noLsp = [
  { group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'Rules and analysis never use the LSP library; the server adapts them.' },
];

function boundary(files, patterns, paths = [vscodeOnlyInExtension]) {
  return { files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  boundary(['src/shared/**'], [{ group: ['../*', '!../shared/*'], message: 'src/shared depends on nothing else in src.' }]),
  boundary(['src/analysis/**'], [...noLsp, { group: ['../rules/*', '../server/*', '../extension/*', '../spark/*', '../submit/*', '../cli/*'], message: 'analysis is the bottom layer.' }]),
  boundary(['src/rules/**'], [...noLsp, { group: ['../server/*', '../extension/*', '../spark/*', '../submit/*', '../cli/*'], message: 'rules import analysis (and shared) only.' }]),
  boundary(['src/server/**'], [{ group: ['../extension/*', '../spark/*', '../submit/*', '../cli/*'], message: 'the server imports rules, analysis and shared.' }]),
  boundary(['src/spark/**', 'src/submit/**'], [...noLsp, { group: ['../extension/*', '../server/*', '../rules/*', '../analysis/*', '../cli/*'], message: 'spark and submit import shared only.' }]),
  boundary(['src/workers/**'], [...noLsp, { group: ['../extension/*', '../server/*', '../rules/*', '../analysis/*', '../cli/*', '../submit/*'], message: 'workers run spark code off the extension host; they import spark and shared only.' }]),
  boundary(['src/cli/**'], [{ group: ['../extension/*', '../server/*'], message: 'the CLI reuses rules, spark and submit, not the editor layers.' }]),
  boundary(['webview/**'], [{ group: ['vscode-languageclient', 'vscode-languageserver', '../../src/extension/*', '../../src/server/*', 'node:*'], message: 'webviews run in a browser: they import webview/protocol and model types only.' }]),
  boundary(['test/unit/**', 'test/rules/**', 'test/server/**', 'test/conformance/**', 'test/services/**', 'bench/**', 'scripts/**'], []),
  {
    files: ['src/extension/**', 'test/integration/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**', '.ci/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly' } },
  },
);

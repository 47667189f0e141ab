// ESLint flat config. Besides style, it enforces the architecture's import boundaries:
// only src/extension imports `vscode`, only src/adapters/openai imports `openai`,
// src/core knows nothing of the editor, the network client, the DOM or the other layers.
import tseslint from 'typescript-eslint';

const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

const vscodeBan = { name: 'vscode', message: 'Only src/extension may import vscode.' };
const openaiBan = { name: 'openai', message: 'Only src/adapters/openai may import openai.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'examples/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      ...restrict(
        [
          { regex: '^openai(/|$)', message: openaiBan.message },
          { group: ['**/extension/**', '**/adapters/**', '**/webview/**', '**/cli/**'], message: 'src/core must not depend on outer layers.' },
        ],
        [vscodeBan],
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    // The typed spec model is the bottom of the core: the spec language and the pipelines import it, never the reverse.
    files: ['src/core/specModel/**/*.ts'],
    rules: restrict(
      [
        { regex: '^openai(/|$)', message: openaiBan.message },
        { group: ['**/extension/**', '**/adapters/**', '**/webview/**', '**/cli/**'], message: 'src/core must not depend on outer layers.' },
        { regex: '^(\\.\\./)+(spec|llm|runStore|runs|pipelines|data|stats|matching|wasm)(/|$)', message: 'src/core/specModel imports nothing else in the core.' },
      ],
      [vscodeBan],
    ),
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: restrict([{ group: ['**/extension/**', '**/webview/**', '**/cli/**'], message: 'Adapters depend only on src/core.' }], [vscodeBan]),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict([{ regex: '^openai(/|$)', message: openaiBan.message }, { group: ['**/extension/**', '**/webview/**'], message: 'The CLI reuses the core, never the editor.' }], [vscodeBan]),
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: restrict([{ regex: '^openai(/|$)', message: openaiBan.message }, { group: ['**/webview/**', '**/cli/**'], message: 'The extension talks to webviews through src/protocol only.' }]),
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: restrict([{ regex: '^openai(/|$)', message: openaiBan.message }, { group: ['**/extension/**', '**/adapters/**', '**/cli/**'], message: 'Webview code is browser code: only src/protocol and pure core modules.' }], [vscodeBan]),
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: restrict([{ regex: '^openai(/|$)', message: openaiBan.message }, { group: ['**/extension/**', '**/adapters/**', '**/cli/**', '**/webview/**'], message: 'The protocol is types shared by host and page.' }], [vscodeBan]),
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

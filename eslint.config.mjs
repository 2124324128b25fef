// Lint rules, including the process layering of STYLE.md: shared imports neither side, the
// renderer never imports main, Node or Electron, and main's event loop never loads tfjs.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'net', 'crypto', 'worker_threads'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'src/shared is pure TypeScript: no Node APIs.' },
            { group: ['electron', 'react', 'react-dom', '@xyflow/*', '@tensorflow/*'], message: 'src/shared imports neither side.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/web/**'], message: 'src/shared imports neither side.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeBuiltins, 'electron'], message: 'The renderer has no Node or Electron access; go through the API.' },
            { group: ['**/main/**', '**/web/**', '**/preload/**'], message: 'The renderer talks to main only through src/renderer/src/api.' },
            { group: ['@tensorflow/*'], message: 'Training and tfjs live in the trainer process, not in the UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/contract', 'zod', '**/main/**', '**/renderer/**'], message: 'The sandboxed preload imports only electron and shared/api/names.' }] },
      ],
    },
  },
  {
    // Everything that runs on Electron main's event loop or the browser host's server loop.
    files: ['src/main/index.ts', 'src/main/ipc.ts', 'src/main/window.ts', 'src/main/services/**/*.ts', 'src/main/engine/trainer-host.ts', 'src/main/engine/fork-node.ts', 'src/web/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tensorflow/*', '**/engine/compile', '**/engine/train-loop', '**/engine/backend'], message: "tfjs ops are synchronous: they run in the trainer process, never on main's event loop." },
            { group: ['**/renderer/**'], message: 'main never imports the renderer.' },
          ],
        },
      ],
    },
  },
);

// Layer boundaries (see README "Layers"): enforced here, not by memory.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'zlib', 'worker_threads', 'child_process', 'http', 'https', 'url', 'crypto'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'examples/**', 'test-results/**', '.stryker-tmp/**', 'reports/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // src/core is pure TypeScript: no vscode, no DOM-only or Node-only APIs (those come injected).
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/node/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not depend on vscode' }],
        patterns: [
          { group: nodeBuiltins, message: 'src/core is platform-neutral: inject Node APIs (see src/core/node)' },
          { group: ['**/cli/**', '**/worker/**', '**/extension/**', '**/webview/**', '**/capture/**'], message: 'src/core depends on nothing above it' },
        ],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/shared is used by the webview too' }],
        patterns: [
          { group: nodeBuiltins, message: 'src/shared runs in the webview too' },
          { group: ['**/cli/**', '**/worker/**', '**/extension/**', '**/core/node/**'], message: 'src/shared depends only on src/core types' },
        ],
      }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'the webview cannot import vscode' }],
        patterns: [
          { group: nodeBuiltins, message: 'the webview is a browser' },
          { group: ['**/src/core/**', '**/src/worker/**', '**/src/extension/**', '**/src/cli/**'], message: 'the webview imports only src/shared' },
        ],
      }],
    },
  },
  {
    // src/capture fetches from /debug/pprof (node:http/https, node:fs) for the CLI and the extension.
    files: ['src/capture/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/capture is shared by the CLI and the extension: no vscode' }],
        patterns: [{ group: ['**/cli/**', '**/worker/**', '**/extension/**', '**/webview/**'], message: 'src/capture depends only on src/core' }],
      }],
    },
  },
  {
    // The extension host never decodes a profile (the worker does): keep the decoder out of its
    // bundle. test/unit/hostBundle.test.ts checks the bundle itself, indirect imports included.
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          {
            group: ['pako', 'protobufjs', 'protobufjs/*', '**/core/parse', '**/core/decode', '**/core/gunzip', '**/core/node/*', '**/capture/profileCapture'],
            message: 'the extension host does not decode profiles: ask the worker (WorkerClient, GrowthController)',
          },
        ],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'the CLI and the worker run without vscode' }],
        patterns: [{ group: ['**/extension/**', '**/webview/**'], message: 'wrong layer' }],
      }],
    },
  },
);

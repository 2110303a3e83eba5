// Lint rules, including the layering of DESIGN.md: imports point down only.
//   core → nothing · server → core · renderer → core · main → core, server · cli → core, server
// As in VS Code, the folder says the runtime; this file is what enforces it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'http',
  'https',
  'net',
  'crypto',
  'child_process',
  'stream',
  'url',
  'util',
  'worker_threads',
  'zlib',
  'events',
];

/** A no-restricted-imports rule banning the given folders (relative imports) and modules. */
const banImports = (folders, modules = [], message = 'layering: imports point down only (see DESIGN.md)') => [
  'error',
  {
    patterns: [
      ...folders.map((folder) => ({
        group: [`**/${folder}/*`, `**/${folder}`],
        message: `${message}; ${folder}/ is above this folder`,
      })),
      ...(modules.length ? [{ group: modules, message: `${message}; not allowed in this folder` }] : []),
    ],
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-artifacts/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['core/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': banImports(
        ['server', 'renderer', 'main', 'cli'],
        [...nodeBuiltins, 'electron', 'better-sqlite3', 'ws', 'fastify', 'pino'],
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['server/**'],
    rules: { 'no-restricted-imports': banImports(['renderer', 'main', 'cli'], ['electron']) },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': banImports(
        ['server', 'main', 'cli'],
        [...nodeBuiltins, 'electron', 'better-sqlite3', 'ws', 'fastify', 'pino'],
      ),
    },
  },
  {
    files: ['main/**'],
    rules: { 'no-restricted-imports': banImports(['renderer', 'cli']) },
  },
  {
    files: ['cli/**'],
    rules: { 'no-restricted-imports': banImports(['renderer', 'main'], ['electron']) },
  },
);

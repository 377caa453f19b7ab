// ESLint: typescript-eslint's recommended rules, import loops, and the layers of DESIGN.md kept
// one-way: the bootstrap (src/) -> resolvers and HTTP routes -> the kernel (kernel/: request context,
// gate, idempotency, upload policy) -> data sources -> client/builders/mappers -> schema.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';

/** Imports a folder's files may not make: the layers above them, and the simulator. */
const forbid = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }],
});
const SIMULATOR = [['**/simulator', '**/simulator/**'], 'Only the development start-up loads the simulator, with a dynamic import().'];
const SERVER = [['**/src', '**/src/**'], 'The bootstrap (src/) sits above this layer: use the kernel (kernel/).'];
const KERNEL = [['**/kernel', '**/kernel/**'], 'The kernel (kernel/) sits above this layer.'];
const RESOLVERS = [['**/resolvers', '**/resolvers/**'], 'Resolvers sit above this layer.'];
const DATASOURCES = [['**/datasources', '**/datasources/**'], 'Data sources sit above the schema.'];
const PRODUCT = [
  ['**/src/**', '**/kernel/**', '**/datasources/**', '**/resolvers/**', '**/schema/**'],
  "The simulator is written from the e-RS specification, never from the server's code.",
];

export default tseslint.config(
  { ignores: ['dist/**', 'simulator/dist/**', 'node_modules/**', 'coverage/**', '**/__generated__/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // CommonJS configuration files (jest.config.js).
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  { files: ['schema/**/*.ts'], rules: forbid(SERVER, KERNEL, RESOLVERS, DATASOURCES, SIMULATOR) },
  { files: ['datasources/**/*.ts'], rules: forbid(SERVER, KERNEL, RESOLVERS, SIMULATOR) },
  { files: ['kernel/**/*.ts'], rules: forbid(SERVER, RESOLVERS, SIMULATOR) },
  // Resolvers reach only the kernel and the data sources: never HTTP routes or the bootstrap.
  { files: ['resolvers/**/*.ts'], rules: forbid(SIMULATOR, SERVER) },
  { files: ['src/routes/**/*.ts'], rules: forbid(SIMULATOR, RESOLVERS) },
  { files: ['src/**/*.ts'], ignores: ['src/routes/**'], rules: forbid(SIMULATOR) },
  { files: ['simulator/**/*.ts'], rules: forbid(PRODUCT) },
  {
    // examples/ (the trust-demo subgraph and gateway) shows how to compose ers-graph; it is not part of it.
    files: ['**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./src', './kernel', './datasources', './resolvers', './schema'],
              from: './examples',
              message: 'examples/ is not part of the product: product code never imports it.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benchmarks exercise every layer and fake what they must.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);

/* global process */
/**
 * Bundles the GraphiQL page's script and styles (./graphiql.browser.mjs, React, GraphiQL, the
 * explorer plugin, Monaco) and Monaco's three workers with esbuild into dist/graphiql/, which
 * src/graphiql/assets.ts serves. Run by `npm run build`; skipped when its inputs (this folder and
 * the lock file's versions) are what the last bundle was made from. Nothing is fetched: every
 * file comes from node_modules.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');
const out = join(root, 'dist', 'graphiql');
const stampFile = join(out, 'bundle.stamp');

/** What the bundle is made from: the browser sources and the installed versions of everything. */
function inputsHash() {
  const hash = createHash('sha256');
  for (const name of readdirSync(here).sort()) hash.update(name).update(readFileSync(join(here, name)));
  hash.update(readFileSync(join(root, 'package-lock.json')));
  return hash.digest('hex');
}

const stamp = inputsHash();
if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  process.stdout.write('GraphiQL bundle: up to date (dist/graphiql)\n');
  process.exit(0);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const started = Date.now();
const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  target: ['chrome111', 'firefox111', 'safari16.4', 'edge111'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // Licence comments of the bundled packages go to <file>.LEGAL.txt beside each file.
  legalComments: 'external',
  logLevel: 'warning',
};

const page = await esbuild.build({
  ...common,
  entryPoints: { graphiql: join(here, 'graphiql.browser.mjs') },
  outdir: out,
  format: 'esm',
  // Monaco's codicons and GraphiQL's fonts become files of the bundle (font-src 'self').
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
  assetNames: '[name]-[hash]',
  metafile: true,
});
// Classic workers (one file each): Monaco asks MonacoEnvironment.getWorker for them by label.
await esbuild.build({
  ...common,
  entryPoints: {
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  outdir: out,
  format: 'iife',
});

writeFileSync(stampFile, stamp);
const files = readdirSync(out).filter((name) => name !== 'bundle.stamp');
const bytes = files.reduce((sum, name) => sum + readFileSync(join(out, name)).length, 0);
const inputs = Object.keys(page.metafile.inputs).length;
// A build step's own report (no request, no patient data): written to stdout, not through the server's logger.
process.stdout.write(
  `GraphiQL bundle: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB from ${inputs} modules in ${Date.now() - started} ms (dist/graphiql)\n`,
);

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One file of the GraphiQL bundle, held in memory. */
export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Made on first request for it and kept. */
  gzipped?: Buffer;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The checkout (or installed package) ers-graph runs from: the nearest folder up with its package.json. */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ers-graph') return dir;
    if (dirname(dir) === dir) throw new Error(`ers-graph's package.json is not above ${from}`);
  }
}

/** Where `npm run build` puts the bundle (src/graphiql/browser/bundle.mjs). */
export function bundleDir(root: string = projectRoot()): string {
  return join(root, 'dist', 'graphiql');
}

/**
 * The bundle's files by name, read once at start; undefined when the bundle is not built (the
 * page then says to run `npm run build`). Only files of known types are served.
 */
export function loadAssets(dir: string): Map<string, Asset> | undefined {
  if (!existsSync(join(dir, 'graphiql.js'))) return undefined;
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) continue;
    const body = readFileSync(join(dir, name));
    assets.set(name, { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
  }
  return assets;
}

/** The gzip of a compressible asset, made once. */
export function gzipped(asset: Asset): Buffer | undefined {
  if (!/^text\//.test(asset.contentType)) return undefined;
  asset.gzipped ??= gzipSync(asset.body, { level: 6 });
  return asset.gzipped;
}

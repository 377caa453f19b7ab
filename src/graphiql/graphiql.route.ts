import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { bundleDir, gzipped, loadAssets, projectRoot, type Asset } from './assets';
import { exampleOperations } from './example-operations';
import { ASSETS_PATH, CONTENT_SECURITY_POLICY, renderPage } from './page';

/** Where the token CLI looks for the simulator when told nothing (simulator/token-cli.ts). */
const DEFAULT_TOKEN_CLI_ORIGIN = 'http://127.0.0.1:4010';

export interface GraphiqlDeps {
  config: Pick<Config, 'graphiql' | 'graphqlIntrospection' | 'auth'>;
  log: Logger;
  /** The checkout or package to read the bundle and the example operations from (tests); by default the one running. */
  root?: string;
}

/**
 * True when a GET's Accept header asks for HTML before JSON (a browser opening the URL), as
 * Apollo Server decides for its landing page: an explicit text/html, not below any JSON type.
 */
export function prefersHtml(accept: string | undefined): boolean {
  let html = 0;
  let json = 0;
  for (const range of (accept ?? '').toLowerCase().split(',')) {
    const [type, ...params] = range.split(';').map((part) => part.trim());
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q)) continue;
    if (type === 'text/html') html = Math.max(html, q);
    else if (type === 'application/json' || type === 'application/graphql-response+json') json = Math.max(json, q);
  }
  return html > 0 && html >= json;
}

/** Answers If-None-Match and Accept-Encoding: gzip; text files are compressed once and kept. */
function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset): FastifyReply {
  reply
    .header('Content-Type', asset.contentType)
    .header('ETag', asset.etag)
    // Revalidated each load (a rebuilt bundle keeps its file names); unchanged files answer 304.
    .header('Cache-Control', 'no-cache')
    .header('Vary', 'Accept-Encoding')
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cross-Origin-Resource-Policy', 'same-origin');
  if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) ? gzipped(asset) : undefined;
  return gzip ? reply.header('Content-Encoding', 'gzip').send(gzip) : reply.send(asset.body);
}

/**
 * GraphiQL from ers-graph's own files (GRAPHIQL): `GET /graphiql`, and `GET /graphql` when a
 * browser asks for HTML; its bundle (React, GraphiQL, the explorer plugin, Monaco and its
 * workers, built by `npm run build` into dist/graphiql) under `/graphiql/assets/`. Nothing comes
 * from a CDN, and the page's Content-Security-Policy lets nothing but ers-graph in. Off: no route
 * at all, and `GET /graphql` is Apollo's (which serves no landing page: server.ts disables it).
 * Call before the /graphql scope is registered, so the hook applies to its routes.
 */
export function registerGraphiql(app: FastifyInstance, deps: GraphiqlDeps): void {
  const { config, log } = deps;
  if (!config.graphiql) return;
  const root = deps.root ?? projectRoot();
  const assets = loadAssets(bundleDir(root));
  if (!assets) log.warn('GraphiQL is on but its bundle is not built (dist/graphiql): run `npm run build`');
  if (!config.graphqlIntrospection) {
    log.warn('GraphiQL is on with GRAPHQL_INTROSPECTION=false: it runs operations but cannot show the schema');
  }
  const identityOrigin = config.auth.mode === 'development' && config.auth.cis2 ? new URL(config.auth.cis2.issuer).origin : undefined;
  const page = renderPage({
    tabs: exampleOperations(root),
    authMode: config.auth.mode,
    tokenCliSimulator: identityOrigin === DEFAULT_TOKEN_CLI_ORIGIN ? undefined : identityOrigin,
    introspection: config.graphqlIntrospection,
  });

  const sendPage = (reply: FastifyReply): FastifyReply => {
    reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .header('X-Content-Type-Options', 'nosniff')
      .header('X-Frame-Options', 'DENY')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cross-Origin-Opener-Policy', 'same-origin')
      .header('Cache-Control', 'no-store');
    if (!assets) {
      return reply.code(503).send('<!doctype html><title>GraphiQL</title><p>GraphiQL is not built: run <code>npm run build</code>.</p>\n');
    }
    return reply.send(page);
  };

  app.get('/graphiql', async (_request, reply) => sendPage(reply));
  app.get<{ Params: { name: string } }>(`/${ASSETS_PATH}/:name`, async (request, reply) => {
    const asset = assets?.get(request.params.name);
    return asset ? sendAsset(request, reply, asset) : reply.callNotFound();
  });
  // A browser opening /graphql gets the page; every other GET (a query, curl's */*) goes on to Apollo.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== '/graphql' || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    if (prefersHtml(request.headers.accept)) return sendPage(reply);
  });
}

/* global document, window, fetch, Worker, URL */
/**
 * The GraphiQL page's script, bundled with esbuild by ./bundle.mjs into dist/graphiql/ (React,
 * GraphiQL, the explorer plugin and Monaco with its workers): the browser loads nothing from
 * anywhere but ers-graph. Its settings come from the page (src/graphiql/page.ts) as JSON in
 * `<script type="application/json" id="graphiql-settings">`, never as inline script, so the
 * page's Content-Security-Policy can forbid inline script altogether.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './page.css';

const settings = JSON.parse(document.getElementById('graphiql-settings').textContent);
/** Relative URLs, so that a path prefix before ers-graph (PUBLIC_URL behind a proxy) carries over. */
const endpoint = new URL(settings.endpoint, document.baseURI).href;
const asset = (name) => new URL(`${settings.assets}/${name}`, document.baseURI).href;

// Monaco's workers, from files of the same bundle (worker-src 'self'); no blob: or data: workers.
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    if (label === 'graphql') return new Worker(asset('graphql.worker.js'), { name: label });
    if (label === 'json') return new Worker(asset('json.worker.js'), { name: label });
    return new Worker(asset('editor.worker.js'), { name: label });
  },
};

/**
 * POSTs the operation as JSON with the headers of GraphiQL's headers editor. Content-Type stays
 * application/json whatever the editor says: Apollo's CSRF prevention refuses the others.
 */
async function fetcher(params, options) {
  const headers = {};
  for (const [name, value] of Object.entries(options?.headers ?? {})) {
    if (value !== null && value !== undefined) headers[name] = String(value);
  }
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${response.status} ${response.statusText}: the answer is not JSON` }] };
  }
}

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    plugins: [HISTORY_PLUGIN, explorerPlugin()],
    defaultTabs: settings.tabs.length > 0 ? settings.tabs : undefined,
    defaultHeaders: settings.headers,
    defaultEditorToolsVisibility: 'headers',
    // Queries and their history may name patients: keep them for this browser tab only, never in
    // localStorage; headers (tokens) are never stored at all.
    storage: window.sessionStorage,
    shouldPersistHeaders: false,
    showPersistHeadersSettings: false,
  }),
);

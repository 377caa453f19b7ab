import type { AuthMode } from '../../kernel/caller';
import type { ExampleTab } from './example-operations';

/** Where the page's files are, relative to the page (GET /graphql and GET /graphiql sit side by side). */
export const ASSETS_PATH = 'graphiql/assets';

/**
 * The page's Content-Security-Policy: everything from ers-graph itself, nothing inline but styles
 * (Monaco adds <style> elements as it runs; GraphiQL's fonts and icons are data: URLs in its CSS),
 * no plugins, no frames, no forms, no <base>. The settings JSON is inert data, not script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What the page says and opens with. */
export interface PageOptions {
  tabs: ExampleTab[];
  authMode: AuthMode;
  /** development: the simulator's identity origin when the token CLI cannot find it by itself (not 127.0.0.1:4010). */
  tokenCliSimulator?: string;
  /** false: GraphiQL runs operations but has no schema (GRAPHQL_INTROSPECTION=false); the page says so. */
  introspection: boolean;
}

/** Simulator users the development help names (simulator/data/identity-users.ts; test/e2e/graphiql.browser.test.ts checks them). */
export const EXAMPLE_USERS: ReadonlyArray<{ userId: string; who: string }> = [
  { userId: '555010000002', who: 'a referring clinician at the GP practice' },
  { userId: '555020000002', who: 'a service provider clinician at the trust' },
  { userId: '555020000009', who: 'a service provider clinician admin (acts for a clinician: NHSD-eRS-On-Behalf-Of-User-ID)' },
  { userId: '555010000001', who: 'roles at two organisations (choose one with the role headers)' },
];

const TOKEN_OF: Record<AuthMode, string> = {
  development: 'A development ID token, valid for an hour: npm run -s token -- --user 555010000002',
  cis2: "The user's CIS2 ID token",
  apim: 'An APIM access token (combined authentication)',
  application: "A JWT of the trust's identity provider",
};

/**
 * The headers editor's first text: JSON with comments, every line commented out, so nothing is
 * sent until the user fills in a token (a placeholder token would count as a failed authentication).
 */
export function headersTemplate(authMode: AuthMode, tokenCliSimulator?: string): string {
  const where = authMode === 'development' && tokenCliSimulator ? ` --simulator ${tokenCliSimulator}` : '';
  const lines = ['{', `  // ${TOKEN_OF[authMode]}${where}`, '  // "Authorization": "Bearer <token>",'];
  if (authMode !== 'application') {
    lines.push(
      "  // With several roles, the one to act in (the token CLI's --list shows them):",
      '  // "NHSD-eRS-Business-Function": "REFERRING_CLINICIAN",',
      '  // "NHSD-End-User-Organisation-ODS": "<ODS code>",',
      '  // For SERVICE_PROVIDER_CLINICIAN_ADMIN, the clinician acted for:',
      '  // "NHSD-eRS-On-Behalf-Of-User-ID": "<SDS user id>",',
    );
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside <script type="application/json">: no `</script>` or `<!--` can end or bend it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function developmentHelp(options: PageOptions): string {
  const where = options.tokenCliSimulator ? ` --simulator ${options.tokenCliSimulator}` : '';
  const users = EXAMPLE_USERS.map(
    ({ userId, who }) => `<li><code>npm run -s token -- --user ${userId}${escapeHtml(where)}</code>: ${escapeHtml(who)}</li>`,
  ).join('');
  return (
    '<details class="ers-graph-help" open><summary>Development identity: how to get a token</summary>' +
    '<p>In a terminal in the checkout, take a token of a simulator user (valid for an hour, and across restarts of <code>npm start</code>):</p>' +
    `<ul>${users}<li><code>npm run -s token -- --list${escapeHtml(where)}</code>: every user and their roles</li></ul>` +
    '<p>Then, under <b>Headers</b> below, uncomment <code>"Authorization": "Bearer &lt;token&gt;"</code> and paste the token in place of ' +
    '<code>&lt;token&gt;</code>; a user with several roles also sends <code>NHSD-eRS-Business-Function</code> and ' +
    "<code>NHSD-End-User-Organisation-ODS</code>. Mutations change the simulator's data set, not e-RS.</p>" +
    '</details>'
  );
}

/** The GraphiQL page: the bundle's script and styles, its settings as JSON, and in development how to get a token. */
export function renderPage(options: PageOptions): string {
  const settings = {
    endpoint: 'graphql',
    assets: ASSETS_PATH,
    tabs: options.tabs,
    headers: headersTemplate(options.authMode, options.tokenCliSimulator),
  };
  const notices = [
    options.authMode === 'development' ? developmentHelp(options) : '',
    options.introspection
      ? ''
      : '<p class="ers-graph-help">Introspection is off on this server (GRAPHQL_INTROSPECTION=false): GraphiQL runs operations, ' +
        'but cannot show the schema or complete fields. The schema is published as SDL (schema/schema.graphql).</p>',
  ].join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>ers-graph GraphiQL</title>
<link rel="stylesheet" href="${ASSETS_PATH}/graphiql.css">
<script type="application/json" id="graphiql-settings">${scriptJson(settings)}</script>
<script type="module" src="${ASSETS_PATH}/graphiql.js"></script>
</head>
<body>
${notices}<div id="graphiql"><noscript><p class="ers-graph-noscript">GraphiQL needs JavaScript.</p></noscript></div>
</body>
</html>
`;
}

/**
 * The floor under ers-graph's cost (bench/floor.bench.ts): a bare Fastify + Apollo Server 5, the
 * same versions ers-graph runs, with one field and nothing else (no auth, no plugins, no metrics,
 * no mapping). Started as its own process so its CPU can be read from /proc:
 *
 *   node dist/bench/lib/bare-graphql.js <mode> <e-RS base URL>
 *
 * with the e-RS headers (a signed-in user's bearer token and role) as JSON in BARE_ERS_HEADERS.
 * `{ referral(ubrn:) }` answers the `id` of the ReferralRequest that A005 returns, read by:
 * - `constant`: no e-RS call at all; answers the UBRN it was given (the frameworks alone);
 * - `node-http`: keep-alive `node:http` and JSON.parse (what an optimal client pays);
 * - `axios-ers-adapter`: axios as ers-graph's client calls it (datasources/ers/http-adapter.ts);
 * - `axios`: axios with its own Node adapter, as ers-graph called it before issue 15.
 * Prints `bare graphql ready: <url>` once listening. Talks only to 127.0.0.1.
 */
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import fastifyApollo from '@as-integrations/fastify';
import axios from 'axios';
import Fastify from 'fastify';
import { ersAdapter, ersAgents } from '../../datasources/ers/http-adapter';

export const BARE_MODES = ['constant', 'node-http', 'axios-ers-adapter', 'axios'] as const;
export type BareMode = (typeof BARE_MODES)[number];

async function main(): Promise<void> {
  const [mode, baseUrl] = process.argv.slice(2) as [BareMode, string];
  if (!BARE_MODES.includes(mode) || !baseUrl) throw new Error(`usage: bare-graphql.js <${BARE_MODES.join('|')}> <e-RS base URL>`);
  const headers = JSON.parse(process.env.BARE_ERS_HEADERS ?? '{}') as Record<string, string>;
  const agent = new http.Agent({ keepAlive: true });
  const common = { baseURL: baseUrl, validateStatus: () => true, maxRedirects: 0, proxy: false as const };
  const client =
    mode === 'axios-ers-adapter'
      ? axios.create({ ...common, adapter: ersAdapter, httpAgent: ersAgents.http })
      : axios.create({ ...common, httpAgent: agent });

  const viaNodeHttp = (path: string) =>
    new Promise<string>((resolve, reject) => {
      const request = http.request(`${baseUrl}${path}`, { agent, headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        answer.on('error', reject);
      });
      request.on('error', reject);
      request.end();
    });
  const viaAxios = async (path: string) =>
    (await client.request<string>({ method: 'GET', url: path, headers, responseType: 'text', transformResponse: (text: string) => text }))
      .data;

  const apollo = new ApolloServer({
    typeDefs: 'type Query { referral(ubrn: String!): String }',
    resolvers: {
      Query: {
        referral: async (_: unknown, { ubrn }: { ubrn: string }) => {
          if (mode === 'constant') return ubrn;
          const path = `/STU3/ReferralRequest/${ubrn}`;
          const text = mode === 'node-http' ? await viaNodeHttp(path) : await viaAxios(path);
          return (JSON.parse(text) as { id?: string }).id ?? null;
        },
      },
    },
  });
  const app = Fastify();
  await apollo.start();
  await app.register(fastifyApollo(apollo));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  console.log(`bare graphql ready: ${address}/graphql`);
}

// Run as a script only: floor.bench.ts imports BARE_MODES from here.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

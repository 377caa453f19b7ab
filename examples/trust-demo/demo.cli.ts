import { join } from 'node:path';
import { startGateway } from './gateway';
import { composeDemoSupergraph, DEMO_URLS, ersGraphSubgraphSdl } from './supergraph';
import { startTrustDemo } from './trust-demo.subgraph';

/**
 * `npm run demo:gateway`: the trust-demo subgraph on 127.0.0.1:4002 and a gateway on
 * 127.0.0.1:4001 over it and ers-graph (`npm start`, 127.0.0.1:4000; ERS_GRAPH_URL to change),
 * serving the supergraph composed from the committed SDLs. Ctrl-C stops both.
 */
async function main(): Promise<void> {
  const urls = { ...DEMO_URLS, ers: process.env.ERS_GRAPH_URL ?? DEMO_URLS.ers };
  const demo = await startTrustDemo({ port: 4002 });
  const { supergraphSdl } = composeDemoSupergraph(ersGraphSubgraphSdl(join(__dirname, '..', '..', '..')), urls);
  const gateway = await startGateway({
    subgraphs: [
      { name: 'ers', url: urls.ers },
      { name: 'trust-demo', url: demo.url },
    ],
    ersGraph: 'ers',
    supergraphSdl,
    port: 4001,
  });
  process.stdout.write(`trust-demo subgraph on ${demo.url}\ngateway on ${gateway.url} (ers-graph: ${urls.ers})\n`);
  const stop = async () => {
    await gateway.stop();
    await demo.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

/**
 * Fair share of the trust's e-RS rate limit: one user floods with 20 concurrent provider
 * worklist screens (101 e-RS calls each) while a second user reads one referral every half
 * second. e-RS enforces its production limit as NHS APIM does (10 a second, spike arrest), and
 * ers-graph keeps to 9 a second (the default with ERS_BASE_URL).
 *
 *   npm run bench:fair
 *
 * Reports the second user's latency idle and under the flood (p50, p95, max), whether it was ever
 * RATE_LIMITED, and what the flooding user got. Talks only to the in-process simulator.
 */
import { startHarness, USERS } from '../test/helpers/harness';

const SCREEN = `{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 50) { edges { node { ubrn priority
  ... on ReferralForReviewWorklistItem { serviceName }
  referral { patientNhsNumber availableActions attachments { title } } } } } }`;
const ONE_REFERRAL = 'query ($u: UBRN!) { referral(ubrn: $u) { ubrn state { state } } }';

const LATENCY_MS = Number(process.env.BENCH_ERS_LATENCY_MS ?? 40);
const FLOOD_SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 30);
const FLOODERS = Number(process.env.BENCH_FLOODERS ?? 20);
const RATE = 9;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function main(): Promise<void> {
  const h = await startHarness({
    simulator: { latencyMs: LATENCY_MS, rateLimitPerSecond: 10 },
    client: { retryBaseDelayMs: 1000 },
    env: { ERS_RATE_LIMIT: String(RATE) },
  });
  try {
    const ubrn = h.simulator.world.referrals[0].ubrn;
    // Tokens and roles first, for both users: the bench measures e-RS calls, not sign-in.
    await h.query('{ me { activeRole { businessFunction } } }', undefined, { user: USERS.providerClinician });
    await h.query('{ me { activeRole { businessFunction } } }', undefined, { user: USERS.referrer });

    const read = async () => {
      const started = performance.now();
      const result = await h.query(ONE_REFERRAL, { u: ubrn }, { user: USERS.referrer });
      return { ms: performance.now() - started, codes: (result.errors ?? []).map((e) => String(e.extensions?.code)) };
    };

    const idle: number[] = [];
    for (let i = 0; i < 10; i++) {
      await sleep(300);
      idle.push((await read()).ms);
    }

    let flooding = true;
    const flood = { screens: 0, fieldsFailed: 0, codes: new Map<string, number>(), calls: 0 };
    const flooder = async () => {
      while (flooding) {
        const result = await h.query(SCREEN, undefined, { user: USERS.providerClinician });
        flood.screens++;
        for (const error of result.errors ?? []) {
          flood.fieldsFailed++;
          const code = `${error.extensions?.code}${error.extensions?.reason ? `/${error.extensions.reason}` : ''}`;
          flood.codes.set(code, (flood.codes.get(code) ?? 0) + 1);
        }
      }
    };
    h.simulator.resetCalls();
    const flooders = Array.from({ length: FLOODERS }, flooder);
    await sleep(2000); // the flood is established: the limiter's queue is full

    const loaded: number[] = [];
    const loadedCodes = new Map<string, number>();
    const until = Date.now() + FLOOD_SECONDS * 1000;
    while (Date.now() < until) {
      const { ms, codes } = await read();
      loaded.push(ms);
      for (const code of codes) loadedCodes.set(code, (loadedCodes.get(code) ?? 0) + 1);
      await sleep(500);
    }
    flooding = false;
    await Promise.all(flooders);
    const calls = h.ersCalls();

    const intervalMs = 1000 / RATE;
    const row = (label: string, values: number[]) =>
      `| ${label} | ${values.length} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 95).toFixed(0)} | ${Math.max(...values).toFixed(0)} |`;
    const lines = [
      `e-RS latency ${LATENCY_MS} ms, e-RS limit 10/s (spike arrest), ERS_RATE_LIMIT=${RATE} (one slot = ${intervalMs.toFixed(0)} ms); ${FLOODERS} concurrent worklist screens for ${FLOOD_SECONDS} s`,
      '',
      "| second user's one-referral read | reads | p50 ms | p95 ms | max ms |",
      '|---|---|---|---|---|',
      row('idle', idle),
      row(`under the flood of ${FLOODERS} screens`, loaded),
      '',
      `second user: errors ${JSON.stringify(Object.fromEntries(loadedCodes))}; p50 above idle: ${(percentile(loaded, 50) - percentile(idle, 50)).toFixed(0)} ms (one slot: ${intervalMs.toFixed(0)} ms)`,
      `flooding user: ${flood.screens} screens answered, ${flood.fieldsFailed} fields failed ${JSON.stringify(Object.fromEntries(flood.codes))}`,
      `e-RS: ${calls.length} calls during the flood, ${calls.filter((c) => c.status === 429).length} answered 429`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await h.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

/**
 * The provider worklist screen (50 items, 101 e-RS calls) against an e-RS that enforces its
 * production rate limit the way NHS APIM does (10 requests a second, spike arrest: 429 for a
 * request sooner than 100 ms after the last), with and without ers-graph's own limit.
 *
 *   npm run bench:rate
 *
 * Bounded in count and time; talks only to the in-process simulator on 127.0.0.1.
 */
import { startHarness, USERS } from '../test/helpers/harness';

const QUERY = `{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 50) { edges { node { ubrn priority
  ... on ReferralForReviewWorklistItem { serviceName }
  referral { patientNhsNumber availableActions attachments { title } } } } } }`;

const LATENCY_MS = Number(process.env.BENCH_ERS_LATENCY_MS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ERS_LIMIT = 10;

async function measure(label: string, ersRateLimit: number, reload: boolean) {
  const h = await startHarness({
    // A first visit reuses nothing; a reload reuses the versions the first visit read.
    sharedReads: reload ? undefined : false,
    simulator: { latencyMs: LATENCY_MS, rateLimitPerSecond: ERS_LIMIT },
    // The production back-off (1 s, 2 s, 4 s or Retry-After), not the tests' short one.
    client: { retryBaseDelayMs: 1000 },
    env: { ERS_RATE_LIMIT: String(ersRateLimit), ERS_RATE_LIMIT_MAX_WAIT_MS: '60000' },
  });
  try {
    await h.query('{ me { activeRole { businessFunction } } }', undefined, { user: USERS.providerClinician }); // warm: token, roles
    const rows = [];
    for (let i = 0; i < RUNS; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000)); // a quiet second between screens
      if (reload) {
        await h.query(QUERY, undefined, { user: USERS.providerClinician }); // the first visit
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      h.simulator.resetCalls();
      const started = performance.now();
      const result = await h.query(QUERY, undefined, { user: USERS.providerClinician });
      const ms = performance.now() - started;
      const calls = h.ersCalls();
      rows.push({
        ms,
        calls: calls.length,
        rejected: calls.filter((c) => c.status === 429).length,
        failedFields: result.errors?.length ?? 0,
      });
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return {
      label,
      ms: median(rows.map((r) => r.ms)),
      calls: median(rows.map((r) => r.calls)),
      rejected: median(rows.map((r) => r.rejected)),
      failedFields: median(rows.map((r) => r.failedFields)),
    };
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  const rows = [
    await measure('none (ERS_RATE_LIMIT=0), first visit', 0, false),
    await measure('ERS_RATE_LIMIT=9, first visit', 9, false),
    await measure('ERS_RATE_LIMIT=10, first visit', 10, false),
    await measure('ERS_RATE_LIMIT=9, reload', 9, true),
  ];
  process.stdout.write(
    `provider worklist screen, 50 items, e-RS latency ${LATENCY_MS} ms, e-RS limit ${ERS_LIMIT}/s (spike arrest), median of ${RUNS} runs\n`,
  );
  process.stdout.write('| ers-graph limit | screen ms | e-RS requests | answered 429 | fields failed |\n|---|---|---|---|---|\n');
  for (const r of rows) process.stdout.write(`| ${r.label} | ${r.ms.toFixed(0)} | ${r.calls} | ${r.rejected} | ${r.failedFields} |\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

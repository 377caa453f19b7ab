/**
 * The provider worklist screen (50 items: referral, NHS number, priority, service name, available
 * actions, attachments) over the simulator with a realistic e-RS latency: how long one screen
 * takes, how many e-RS calls it makes, and what the per-request concurrency bound buys.
 *
 *   npm run bench
 *
 * Bounded in count and time; talks only to the in-process simulator on 127.0.0.1.
 */
import { startHarness, USERS } from '../test/helpers/harness';

const QUERY = `{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 50) { edges { node { ubrn priority
  ... on ReferralForReviewWorklistItem { serviceName }
  referral { patientNhsNumber availableActions attachments { title } } } } } }`;

const LATENCY_MS = Number(process.env.BENCH_ERS_LATENCY_MS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(maxConcurrency: number) {
  // Every run a first visit: nothing reused from the run before (see bench:rate for a reload).
  const h = await startHarness({ simulator: { latencyMs: LATENCY_MS }, client: { maxConcurrency }, sharedReads: false });
  try {
    await h.query(QUERY, undefined, { user: USERS.providerClinician }); // warm: token exchange, roles
    const times: number[] = [];
    let calls = 0;
    let peak = 0;
    for (let i = 0; i < RUNS; i++) {
      h.simulator.resetCalls();
      const started = performance.now();
      const result = await h.query(QUERY, undefined, { user: USERS.providerClinician });
      times.push(performance.now() - started);
      if (result.errors) throw new Error(JSON.stringify(result.errors[0]));
      const ers = h.ersCalls();
      calls = ers.length;
      // Peak calls started within one e-RS latency window: how hard one screen hits e-RS.
      const starts = ers.map((c) => c.at).sort((a, b) => a - b);
      for (let j = 0; j < starts.length; j++) {
        let k = j;
        while (k < starts.length && starts[k] - starts[j] < LATENCY_MS) k++;
        peak = Math.max(peak, k - j);
      }
    }
    return { maxConcurrency, p50: percentile(times, 50), p95: percentile(times, 95), calls, peak };
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  const rows = [];
  for (const concurrency of [1, 4, 8, 16]) rows.push(await measure(concurrency));
  process.stdout.write(`provider worklist screen, 50 items, e-RS latency ${LATENCY_MS} ms, ${RUNS} runs each\n`);
  process.stdout.write(
    '| max concurrency | p50 ms | p95 ms | e-RS calls per screen | most calls started within one latency window |\n|---|---|---|---|---|\n',
  );
  for (const r of rows) {
    process.stdout.write(`| ${r.maxConcurrency} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.calls} | ${r.peak} |\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

/**
 * Soak (issue 15, goal 4: bounded memory): ers-graph started as `npm start` starts it with nothing
 * configured (`node dist/src/main.js`, the e-RS simulator embedded in the same process, on free
 * ports, its issuer key in a temporary DEV_KEYS_DIR) under a closed loop of mixed screens at
 * concurrency 20: `--settle-minutes` (default 11) for every cache to fill and start expiring, then
 * `--minutes` (default 10) measured. Every 10 s it samples the process's RSS (/proc) and its heap
 * (GET /metrics). It reports RSS when the measured window starts, at the end, its peak and its slope
 * over the window (least squares), requests served and errors by code, and writes the samples to
 * bench/results/soak.json.
 *
 * Why settle first: the longest-lived entries a server keeps are the APIM tokens (599 s) and the
 * versions (5 minutes). Until the first of them expire, every cache grows by design, to the level
 * the sign-in and read rates hold it at; a window that starts earlier measures caches filling, not
 * a leak. With `--settle-minutes 0` the window is what follows the first minute.
 *
 *   npm run bench:soak                                       # 11 minutes settling, 10 measured
 *   npm run bench:soak -- --settle-minutes 0 --minutes 1     # a check that it works
 *
 * Screens: the provider worklist (bench/worklist-screen.bench.ts's query), referral detail (README
 * "A first query"), a referrer worklist, the A&G worklist with its conversations, one A&G request,
 * service search, a referral's slots, and now and then a write (createReferral, then cancelReferral
 * of the new referral, so no worklist grows). Users are those of the simulator's world; each user
 * signs in once, and again with a fresh ID token now and then. Every answer is checked for errors.
 *
 * The simulator keeps what the writes made: the world is its database. After the soak, the size of
 * one write in that world is measured in this process (a harness with the call record off).
 *
 * Talks only to 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  closedLoop,
  httpRequest,
  idTokenFor,
  keepAliveAgent,
  type NodeProcess,
  percentile,
  rssBytes,
  sleep,
  startNode,
} from './lib/processes';
import { benchOptions } from './lib/options';
// Small, seeded: each worker's sequence of screens is the same from run to run.
import { mulberry32 } from '../simulator/data/prng';
import { startHarness, USERS } from '../test/helpers/harness';

/** The checkout this file was compiled in (dist/bench/soak.bench.js). */
const CHECKOUT = path.join(__dirname, '..', '..');
const MiB = 1024 * 1024;
/**
 * "Flat": a least-squares slope of at most 1 MiB a minute over the window, i.e. at most 8 MiB over
 * the last 8 minutes, about 2% of the ~400 MiB the process holds under this load.
 */
const FLAT_MIB_PER_MINUTE = 1;

interface Options {
  /** Minutes of load before the measured window (the caches fill and start expiring). */
  settleMinutes: number;
  /** Minutes measured. */
  minutes: number;
  concurrency: number;
  sampleSeconds: number;
  out: string;
  /**
   * Write heap snapshots of the server (SIGUSR2) into this directory: at `firstSnapshotS` and at the
   * end, each with the load paused and no request in flight, so they hold only what is kept.
   */
  heapSnapshots?: string;
  firstSnapshotS: number;
  /** false: no writes in the mix (the simulator's world then stays as seeded). */
  writes: boolean;
  /** Run the server with --trace-gc and follow the heap left after each full (mark-compact) GC. */
  traceGc: boolean;
}

const USAGE =
  'usage: npm run bench:soak -- [--settle-minutes 11] [--minutes 10] [--concurrency 20] [--sample-seconds 10] [--out bench/results/soak.json] ' +
  '[--heap-snapshots DIR] [--first-snapshot-s 120] [--writes on|off] [--trace-gc on|off]';

function parseOptions(argv: string[]): Options {
  const flags = benchOptions(
    argv,
    {
      settleMinutes: 11,
      minutes: 10,
      concurrency: 20,
      sampleSeconds: 10,
      out: path.join(CHECKOUT, 'bench', 'results', 'soak.json'),
      heapSnapshots: '',
      firstSnapshotS: 120,
      writes: 'on',
      traceGc: 'off',
    },
    USAGE,
    {
      minimums: { settleMinutes: 0, minutes: 0.1, concurrency: 1, sampleSeconds: 1 },
      fractional: ['settleMinutes', 'minutes', 'sampleSeconds', 'firstSnapshotS'],
    },
  );
  const onOff = (flag: string, value: string): boolean => {
    if (value !== 'on' && value !== 'off') throw new Error(`--${flag} takes on or off\n${USAGE}`);
    return value === 'on';
  };
  return {
    settleMinutes: flags.settleMinutes,
    minutes: flags.minutes,
    concurrency: flags.concurrency,
    sampleSeconds: flags.sampleSeconds,
    out: path.resolve(flags.out),
    heapSnapshots: flags.heapSnapshots ? path.resolve(flags.heapSnapshots) : undefined,
    firstSnapshotS: flags.firstSnapshotS,
    writes: onOff('writes', flags.writes),
    traceGc: onOff('trace-gc', flags.traceGc),
  };
}

// ---------------------------------------------------------------------------------------------
// Screens

/** The provider worklist screen of bench/worklist-screen.bench.ts: 50 items, A008 + an A005 and an A029 each. */
const PROVIDER_WORKLIST = `{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 50) { edges { node { ubrn priority
  ... on ReferralForReviewWorklistItem { serviceName }
  referral { patientNhsNumber availableActions attachments { title } } } } } }`;

/** README "A first query", with the UBRN as a variable. */
const REFERRAL_DETAIL = `query ($ubrn: UBRN!) { referral(ubrn: $ubrn) { ubrn version state { state } priority specialty { display }
  shortlist { id name } bookedService { name } } }`;

/** A referrer worklist that writes do not grow (referrals a triage returned or a provider rejected), 20 items. */
const REFERRER_WORKLIST = `{ referralWorklist(type: REJECTED_TRIAGE_RESPONSE, first: 20) { totalCount edges { node { ubrn priority
  referral { patientNhsNumber state { state } specialty { display } } } } } }`;

/** The A&G worklist with each request's conversation (test/integration/advice-and-guidance.graphql.test.ts). */
const ADVICE_WORKLIST = `{ adviceAndGuidanceWorklist(first: 20) { totalCount edges { node { ubrn conversationStatus
  adviceAndGuidance { ubrn version conversationStatus conversation { id sentAt text author { userId } attachments { id title } } } } } } }`;

const ADVICE_DETAIL = `query ($ubrn: UBRN!) { adviceAndGuidance(ubrn: $ubrn) { ubrn version status conversationStatus serviceName
  requester { userId } conversation { id sentAt text author { userId name } attachments { id title availability } } } }`;

const SERVICE_SEARCH = `query ($input: ServiceSearchInput!) { serviceSearch(input: $input) { serviceId name directlyBookable service { id name } } }`;

/** README's booking screen: a referral's shortlist and the free slots of one of its services. */
const SLOTS = `query ($ubrn: UBRN!, $serviceId: ServiceId!) { referral(ubrn: $ubrn) { version shortlist { name }
  slots(serviceId: $serviceId, first: 10) { edges { node { id start } } } } }`;

const CREATE_REFERRAL = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { referral { ubrn version state { state } } } }`;
const CANCEL_REFERRAL = `mutation ($input: CancelReferralInput!) { cancelReferral(input: $input) { referral { ubrn version status } } }`;

/** Users of the simulator's world holding one role each (no role headers needed). */
const REFERRERS = ['555010000002', '555010000003'];
const PROVIDERS = ['555020000002', '555020000003', '555020000004', '555020000005', '555020000006', '555020000007', '555020000008'];

/** The mix: how often each screen is picked (relative). */
const MIX = {
  providerWorklist: 2,
  referralDetail: 4,
  referrerWorklist: 2,
  adviceWorklist: 1,
  adviceDetail: 2,
  serviceSearch: 2,
  slots: 2,
  write: 0.5,
} as const;
type ScreenName = keyof typeof MIX;
/** The share of screens that sign in again with a fresh ID token (a token exchange and a role look-up in ers-graph). */
const FRESH_SIGN_IN = 0.01;

/** What the screens need from the world, read through ers-graph at the start. */
interface WorldSample {
  detailUbrns: string[];
  slotTargets: Array<{ ubrn: string; serviceId: string }>;
  searches: Array<{ patientNhsNumber: string; priority: string; specialty: string }>;
  newReferrals: Array<{ patientNhsNumber: string; specialty: string; serviceId: string }>;
  adviceUbrns: string[];
}

interface GraphQLAnswer {
  status: number;
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

class Client {
  requests = 0;
  signIns = 0;
  writes = 0;
  readonly errors = new Map<string, number>();
  readonly screens = new Map<ScreenName, number>();
  /** Screens with an error in any of their answers, by screen. */
  readonly failedScreens = new Map<ScreenName, number>();
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    private readonly agent: http.Agent,
    private readonly graphqlUrl: string,
    private readonly simulatorOrigin: string,
  ) {}

  /** The user's current ID token; `fresh`: a new one (a new sign-in). */
  token(userId: string, fresh = false): Promise<string> {
    if (fresh || !this.tokens.has(userId)) {
      const token = idTokenFor(this.agent, this.simulatorOrigin, userId);
      // A failed sign-in is not kept: the next screen tries again.
      token.catch(() => this.tokens.delete(userId));
      this.tokens.set(userId, token);
      this.signIns++;
    }
    return this.tokens.get(userId)!;
  }

  /** Posts an operation; counts it, and each error in the answer by its code. Answers undefined when it failed. */
  async query(userId: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer | undefined> {
    this.requests++;
    let answer: GraphQLAnswer;
    try {
      const response = await httpRequest(this.agent, this.graphqlUrl, {
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await this.token(userId)}` },
        body: JSON.stringify({ query, variables }),
      });
      try {
        answer = { status: response.status, ...(JSON.parse(response.body) as Omit<GraphQLAnswer, 'status'>) };
      } catch {
        this.count(`HTTP_${response.status}_NOT_JSON`);
        return undefined;
      }
    } catch (error) {
      this.count(`TRANSPORT_${(error as NodeJS.ErrnoException).code ?? 'ERROR'}`);
      return undefined;
    }
    if (answer.errors?.length) {
      for (const error of answer.errors) this.count(error.extensions?.code ?? 'NO_CODE');
      return undefined;
    }
    if (answer.status !== 200) {
      this.count(`HTTP_${answer.status}`);
      return undefined;
    }
    return answer;
  }

  count(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  get errorCount(): number {
    let total = 0;
    for (const n of this.errors.values()) total += n;
    return total;
  }
}

/** Reads, through ers-graph, the referrals, services and A&G requests the screens use. */
async function sampleWorld(client: Client): Promise<WorldSample> {
  const referrer = REFERRERS[0];
  const provider = PROVIDERS[0];
  const awaiting = await client.query(
    referrer,
    `{ referralWorklist(type: AWAITING_BOOKING, first: 50) { edges { node { ubrn referral { state { state } priority
      specialty { code } patientNhsNumber shortlist { id directlyBookable } } } } } }`,
  );
  const returned = await client.query(
    referrer,
    '{ referralWorklist(type: REJECTED_TRIAGE_RESPONSE, first: 50) { edges { node { ubrn } } } }',
  );
  const advice = await client.query(provider, '{ adviceAndGuidanceWorklist(first: 500) { edges { node { ubrn } } } }');
  if (!awaiting || !returned || !advice) throw new Error(`reading the world failed: ${JSON.stringify(Object.fromEntries(client.errors))}`);

  type Item = {
    ubrn: string;
    referral: {
      state: { state: string };
      priority: string;
      specialty: { code: string };
      patientNhsNumber: string;
      shortlist: Array<{ id: string; directlyBookable: boolean }>;
    };
  };
  const items = (awaiting.data!.referralWorklist.edges as Array<{ node: Item }>).map((e) => e.node);
  const sample: WorldSample = {
    detailUbrns: [
      '000050000001',
      ...items.map((i) => i.ubrn),
      ...(returned.data!.referralWorklist.edges as Array<{ node: { ubrn: string } }>).map((e) => e.node.ubrn),
    ],
    slotTargets: [],
    searches: [],
    newReferrals: [],
    adviceUbrns: (advice.data!.adviceAndGuidanceWorklist.edges as Array<{ node: { ubrn: string } }>).map((e) => e.node.ubrn),
  };
  for (const { ubrn, referral } of items) {
    const bookable = referral.shortlist.find((s) => s.directlyBookable);
    if (referral.state.state === 'NOT_BOOKED' && bookable) {
      sample.slotTargets.push({ ubrn, serviceId: bookable.id });
      sample.newReferrals.push({ patientNhsNumber: referral.patientNhsNumber, specialty: referral.specialty.code, serviceId: bookable.id });
    }
    sample.searches.push({ patientNhsNumber: referral.patientNhsNumber, priority: referral.priority, specialty: referral.specialty.code });
  }
  if (!sample.slotTargets.length || !sample.adviceUbrns.length) throw new Error('the world has no bookable referral or no A&G request');
  return sample;
}

/** Runs one screen as a user of the right role; answers false when any of its answers had errors. */
async function runScreen(client: Client, world: WorldSample, name: ScreenName, random: () => number): Promise<boolean> {
  const referrer = pick(random, REFERRERS);
  const provider = pick(random, PROVIDERS);
  const nonEmpty = (answer: GraphQLAnswer | undefined, read: (data: Record<string, any>) => unknown): boolean => {
    if (!answer) return false;
    const value = read(answer.data ?? {});
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
      client.count('EMPTY_ANSWER');
      return false;
    }
    return true;
  };
  switch (name) {
    case 'providerWorklist':
      return nonEmpty(await client.query(provider, PROVIDER_WORKLIST), (d) => d.referralWorklist?.edges);
    case 'referralDetail':
      return nonEmpty(await client.query(referrer, REFERRAL_DETAIL, { ubrn: pick(random, world.detailUbrns) }), (d) => d.referral);
    case 'referrerWorklist':
      return nonEmpty(await client.query(referrer, REFERRER_WORKLIST), (d) => d.referralWorklist?.edges);
    case 'adviceWorklist':
      return nonEmpty(await client.query(provider, ADVICE_WORKLIST), (d) => d.adviceAndGuidanceWorklist?.edges);
    case 'adviceDetail':
      return nonEmpty(await client.query(provider, ADVICE_DETAIL, { ubrn: pick(random, world.adviceUbrns) }), (d) => d.adviceAndGuidance);
    case 'serviceSearch':
      return nonEmpty(await client.query(referrer, SERVICE_SEARCH, { input: pick(random, world.searches) }), (d) => d.serviceSearch);
    case 'slots': {
      const target = pick(random, world.slotTargets);
      // A service may have no free slot left (the simulator fills one per specialty): an empty page is an answer.
      return nonEmpty(await client.query(referrer, SLOTS, target), (d) => d.referral?.slots);
    }
    case 'write': {
      const { patientNhsNumber, specialty, serviceId } = pick(random, world.newReferrals);
      const input = { patientNhsNumber, priority: 'ROUTINE', specialty, shortlist: [serviceId], referralLetter: 'NEED_TO_ADD_LATER' };
      const created = await client.query(referrer, CREATE_REFERRAL, { input });
      if (!nonEmpty(created, (d) => d.createReferral?.referral)) return false;
      client.writes++;
      const { ubrn, version } = created!.data!.createReferral.referral as { ubrn: string; version: string };
      const cancelled = await client.query(referrer, CANCEL_REFERRAL, { input: { ubrn, version, reason: 'INTEND_PRIVATE' } });
      if (!nonEmpty(cancelled, (d) => d.cancelReferral?.referral)) return false;
      client.writes++;
      return true;
    }
  }
}

function screenPicker(random: () => number, mix: Record<ScreenName, number>): () => ScreenName {
  const entries = (Object.entries(mix) as Array<[ScreenName, number]>).filter(([, weight]) => weight > 0);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  return () => {
    let r = random() * total;
    for (const [name, weight] of entries) {
      r -= weight;
      if (r < 0) return name;
    }
    return entries[entries.length - 1][0];
  };
}

// ---------------------------------------------------------------------------------------------
// Memory

interface Sample {
  /** Seconds since the load started. */
  atS: number;
  rssMiB: number;
  /** From GET /metrics (prom-client's default metrics); undefined when it could not be read. */
  heapUsedMiB?: number;
  heapTotalMiB?: number;
  externalMiB?: number;
  /** With --trace-gc: the heap left by the last full GC before this sample. */
  afterFullGcMiB?: number;
  requests: number;
  errors: number;
}

/**
 * The heap V8 keeps after each full GC (a mark-compact) of a process run with --trace-gc: what
 * is alive, without the garbage of the moment that heapUsed also counts. Read from its stdout.
 */
class FullGcs {
  /** afterMiB: the heap in use after the GC; committedMiB: what V8 keeps reserved for the heap then. */
  readonly events: Array<{ atS: number; afterMiB: number; committedMiB: number }> = [];
  private pending = '';

  constructor(stream: NodeJS.ReadableStream, now: () => number) {
    stream.on('data', (chunk: Buffer) => {
      const lines = (this.pending + chunk.toString()).split('\n');
      this.pending = lines.pop()!;
      for (const line of lines) {
        // e.g. "[123:0x5e]  60123 ms: Mark-Compact 301.2 (330.5) -> 95.1 (331.0) MB, ..."
        const match = /Mark-Compact[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\)/.exec(line);
        // V8's MB are MiB.
        if (match) this.events.push({ atS: now(), afterMiB: Number(match[1]), committedMiB: Number(match[2]) });
      }
    });
  }

  get last(): number | undefined {
    return this.events[this.events.length - 1]?.afterMiB;
  }
}

/** prom-client's default metrics, with ers-graph's prefix. */
async function readHeap(agent: http.Agent, origin: string): Promise<Pick<Sample, 'heapUsedMiB' | 'heapTotalMiB' | 'externalMiB'>> {
  try {
    const { status, body } = await httpRequest(agent, `${origin}/metrics`);
    if (status !== 200) return {};
    const gauge = (name: string): number | undefined => {
      const match = new RegExp(`^ers_graph_${name} (\\S+)$`, 'm').exec(body);
      return match ? Number(match[1]) / MiB : undefined;
    };
    return {
      heapUsedMiB: gauge('nodejs_heap_size_used_bytes'),
      heapTotalMiB: gauge('nodejs_heap_size_total_bytes'),
      externalMiB: gauge('nodejs_external_memory_bytes'),
    };
  } catch {
    return {};
  }
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxy / sxx;
}

/**
 * What one write (createReferral and cancelReferral of the new referral) leaves behind: heap
 * retained after a full GC, per write pair, over `pairs` pairs (this process, a harness whose
 * simulator records no calls, after a warm-up), and the part of it the simulator's world holds.
 */
async function measureWriteSize(
  pairs: number,
): Promise<{ pairs: number; bytesPerPair: number; worldBytesPerPair: number; referralsAdded: number }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const h = await startHarness({ simulator: { maxRecordedCalls: 1 } });
  try {
    const service = h.simulator.world.services.find((s) => s.specialty === 'CARDIOLOGY' && s.bookableType === 'DIRECTLY_BOOKABLE')!;
    const patient = h.simulator.world.patients[3].nhsNumber;
    const write = async () => {
      const input = {
        patientNhsNumber: patient,
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        shortlist: [service.id],
        referralLetter: 'NEED_TO_ADD_LATER',
      };
      const created = await h.query(CREATE_REFERRAL, { input }, { user: USERS.referrer });
      if (created.errors) throw new Error(`createReferral: ${created.errors[0].extensions?.code}`);
      const { ubrn, version } = created.data!.createReferral.referral;
      const cancelled = await h.query(CANCEL_REFERRAL, { input: { ubrn, version, reason: 'INTEND_PRIVATE' } }, { user: USERS.referrer });
      if (cancelled.errors) throw new Error(`cancelReferral: ${cancelled.errors[0].extensions?.code}`);
    };
    for (let i = 0; i < 50; i++) await write();
    const settle = async () => {
      for (let i = 0; i < 3; i++) {
        gc();
        await sleep(50);
      }
      return process.memoryUsage().heapUsed;
    };
    const before = await settle();
    const referralsBefore = h.simulator.world.referrals.length;
    for (let i = 0; i < pairs; i++) await write();
    const after = await settle();
    const referralsAdded = h.simulator.world.referrals.length - referralsBefore;
    // What the world holds of them: the heap they free when taken out of it (the rest is the server's, e.g. its bounded LRU of versions).
    h.simulator.world.referrals.splice(referralsBefore, referralsAdded);
    const withoutThem = await settle();
    return { pairs, bytesPerPair: (after - before) / pairs, worldBytesPerPair: (after - withoutThem) / pairs, referralsAdded };
  } finally {
    await h.close();
  }
}

/** The commit measured, and the files that differed from it (the working tree is shared): names only. */
function checkoutState(): { commit?: string; modified?: string[] } {
  try {
    // Not trimmed: a porcelain line starts with its status columns, a space among them.
    const git = (...args: string[]) => execFileSync('git', args, { cwd: CHECKOUT, encoding: 'utf8' });
    const modified = git('status', '--porcelain', '--untracked-files=no')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    return { commit: git('rev-parse', 'HEAD').trim(), modified };
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // Read before the load: what `npm run bench:soak` has just built.
  const checkout = checkoutState();
  const keysDir = mkdtempSync(path.join(os.tmpdir(), 'ers-graph-soak-keys-'));
  const nodeArgs = options.heapSnapshots ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${options.heapSnapshots}`] : [];
  if (options.traceGc) nodeArgs.push('--trace-gc');
  const mix: Record<ScreenName, number> = options.writes ? { ...MIX } : { ...MIX, write: 0 };
  if (options.heapSnapshots) mkdirSync(options.heapSnapshots, { recursive: true });
  // As `npm start` runs it with nothing configured, except free ports and a key directory of its own.
  const env = { PORT: '0', SIMULATOR_PORT: '0', DEV_KEYS_DIR: keysDir };
  let server: NodeProcess | undefined;
  try {
    server = await startNode(CHECKOUT, 'dist/src/main.js', {
      env,
      nodeArgs,
      ready: /ers-graph is ready: (\S+)[\s\S]*embedded simulator at (\S+)/,
    });
    const [, graphqlUrl, simulatorBaseUrl] = /ers-graph is ready: (\S+)[\s\S]*embedded simulator at (\S+)/.exec(server.output())!;
    const origin = new URL(graphqlUrl).origin;
    const simulatorOrigin = new URL(simulatorBaseUrl).origin;
    const pid = server.pid;
    let started = performance.now();
    const fullGcs = options.traceGc ? new FullGcs(server.child.stdout!, () => (performance.now() - started) / 1000) : undefined;
    process.stdout.write(`ers-graph (pid ${pid}) at ${graphqlUrl}, embedded simulator at ${simulatorOrigin}\n`);

    const agent = keepAliveAgent(options.concurrency * 2);
    const metricsAgent = keepAliveAgent(2);
    const client = new Client(agent, graphqlUrl, simulatorOrigin);
    const world = await sampleWorld(client);
    process.stdout.write(
      `world: ${world.detailUbrns.length} referrals to read, ${world.slotTargets.length} bookable, ${world.adviceUbrns.length} A&G requests\n`,
    );
    const rssAtStart = rssBytes(pid)! / MiB;
    const setupRequests = client.requests;
    client.requests = 0;
    client.signIns = 0;

    const samples: Sample[] = [];
    started = performance.now();
    let sampling = true;
    const snapshotsTaken: number[] = [];
    // Screens wait at this gate while a snapshot is taken; `inFlight` counts those running.
    let gate: Promise<void> | undefined;
    let inFlight = 0;
    const snapshot = async () => {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      while (inFlight > 0) await sleep(50);
      await sleep(1000);
      snapshotsTaken.push((performance.now() - started) / 1000);
      process.kill(pid, 'SIGUSR2');
      // The server writes the snapshot on its main thread: it answers again once it is written.
      await sleep(1000);
      await readHeap(metricsAgent, origin);
      gate = undefined;
      open();
    };
    const sampler = (async () => {
      while (sampling) {
        const atS = (performance.now() - started) / 1000;
        const rss = rssBytes(pid);
        if (rss === undefined) throw new Error(`ers-graph exited:\n${server!.output()}`);
        samples.push({
          atS,
          rssMiB: rss / MiB,
          ...(await readHeap(metricsAgent, origin)),
          afterFullGcMiB: fullGcs?.last,
          requests: client.requests,
          errors: client.errorCount,
        });
        const last = samples[samples.length - 1];
        process.stdout.write(
          `${atS.toFixed(0).padStart(4)} s  RSS ${last.rssMiB.toFixed(1)} MiB  heapUsed ${last.heapUsedMiB?.toFixed(1) ?? '?'} MiB  ` +
            (fullGcs ? `after last full GC ${last.afterFullGcMiB?.toFixed(1) ?? '-'} MiB  ` : '') +
            `${last.requests} requests  ${last.errors} errors\n`,
        );
        if (options.heapSnapshots && snapshotsTaken.length === 0 && atS >= options.firstSnapshotS) await snapshot();
        const next = started + samples.length * options.sampleSeconds * 1000;
        while (sampling && performance.now() < next) await sleep(Math.min(250, next - performance.now()));
      }
    })();

    const pickers = Array.from({ length: options.concurrency }, (_, worker) => {
      const random = mulberry32(1 + worker);
      return { random, next: screenPicker(random, mix) };
    });
    const runOne = async (worker: number): Promise<void> => {
      const { random, next } = pickers[worker];
      const name = next();
      client.screens.set(name, (client.screens.get(name) ?? 0) + 1);
      if (random() < FRESH_SIGN_IN) {
        const users = name === 'providerWorklist' || name === 'adviceWorklist' || name === 'adviceDetail' ? PROVIDERS : REFERRERS;
        await client.token(pick(random, users), true);
      }
      if (!(await runScreen(client, world, name, random))) client.failedScreens.set(name, (client.failedScreens.get(name) ?? 0) + 1);
    };
    const load = await closedLoop({
      concurrency: options.concurrency,
      durationMs: (options.settleMinutes + options.minutes) * 60_000,
      run: async (worker) => {
        while (gate) await gate;
        inFlight++;
        try {
          await runOne(worker);
        } finally {
          inFlight--;
        }
      },
    });
    sampling = false;
    await sampler;
    const rssEnd = rssBytes(pid)! / MiB;
    samples.push({
      atS: (performance.now() - started) / 1000,
      rssMiB: rssEnd,
      ...(await readHeap(metricsAgent, origin)),
      requests: client.requests,
      errors: client.errorCount,
    });
    // The load is over: nothing in flight.
    if (options.heapSnapshots) await snapshot();
    agent.destroy();
    metricsAgent.destroy();

    const durationS = (options.settleMinutes + options.minutes) * 60;
    const warmUpS = options.settleMinutes > 0 ? options.settleMinutes * 60 : Math.min(60, durationS / 3);
    const windowStartS = warmUpS;
    const atWarmUp = samples.reduce((best, s) => (Math.abs(s.atS - warmUpS) < Math.abs(best.atS - warmUpS) ? s : best));
    const inWindow = samples.filter((s) => s.atS >= windowStartS);
    const rssSlope = slope(inWindow.map((s) => [s.atS / 60, s.rssMiB]));
    const heapSlope = slope(inWindow.filter((s) => s.heapUsedMiB !== undefined).map((s) => [s.atS / 60, s.heapUsedMiB!]));
    const gcsInWindow = (fullGcs?.events ?? []).filter((e) => e.atS >= windowStartS && e.atS <= durationS);
    const fullGcSlope = slope(gcsInWindow.map((e) => [e.atS / 60, e.afterMiB]));
    const rssMax = samples.reduce((max, s) => Math.max(max, s.rssMiB), 0);
    const latencies = load.latenciesMs;

    // Measured after the soak, in this process; its failure loses nothing of the soak.
    const writeSize = await measureWriteSize(500).catch((error: unknown) => {
      process.stderr.write(`measuring a write's size failed: ${error instanceof Error ? error.message : String(error)}\n`);
      return undefined;
    });
    const summary = {
      settleMinutes: options.settleMinutes,
      minutes: options.minutes,
      concurrency: options.concurrency,
      screens: load.requests,
      screensPerSecond: load.requestsPerSecond,
      screenLatencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        max: latencies.reduce((max, l) => Math.max(max, l), 0),
      },
      requests: client.requests,
      setupRequests,
      signIns: client.signIns,
      writes: client.writes,
      screenCounts: Object.fromEntries(client.screens),
      errorsByCode: Object.fromEntries(client.errors),
      failedScreens: Object.fromEntries(client.failedScreens),
      screensThatThrew: load.failures,
      firstThrown: load.firstFailure,
      rssMiB: { start: rssAtStart, atWarmUp: atWarmUp.rssMiB, warmUpAtS: atWarmUp.atS, end: rssEnd, max: rssMax },
      slopeWindowS: [windowStartS, durationS],
      rssSlopeMiBPerMinute: rssSlope,
      heapUsedSlopeMiBPerMinute: heapSlope,
      afterFullGc: fullGcs
        ? {
            slopeMiBPerMinute: fullGcSlope,
            fullGcsInWindow: gcsInWindow.length,
            firstInWindowMiB: gcsInWindow[0]?.afterMiB,
            lastMiB: fullGcs.last,
            events: fullGcs.events,
          }
        : undefined,
      heapUsedMiB: { atWarmUp: atWarmUp.heapUsedMiB, end: samples[samples.length - 1].heapUsedMiB },
      writeSize,
      worldGrowthEstimateMiB: writeSize ? ((client.writes / 2) * writeSize.worldBytesPerPair) / MiB : undefined,
      /** What the writes add to the simulator's world per minute, on average over the run: part of any RSS slope. */
      worldGrowthMiBPerMinute: writeSize ? ((client.writes / 2) * writeSize.worldBytesPerPair) / MiB / (durationS / 60) : undefined,
      heapSnapshotsAtS: snapshotsTaken,
      verdict: {
        rssFlat: Math.abs(rssSlope) <= FLAT_MIB_PER_MINUTE,
        liveHeapFlat: fullGcs ? Math.abs(fullGcSlope) <= FLAT_MIB_PER_MINUTE : undefined,
        flatMiBPerMinute: FLAT_MIB_PER_MINUTE,
      },
    };

    const f = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits));
    process.stdout.write(
      [
        '',
        `soak: ers-graph as \`npm start\` runs it (embedded simulator, one process), ${options.concurrency} concurrent mixed screens, ${options.settleMinutes} min settling + ${options.minutes} min measured`,
        '',
        '| RSS at start | RSS at window start, ' +
          f(atWarmUp.atS, 0) +
          ' s | RSS at end | RSS max | RSS slope (window, ' +
          f((durationS - windowStartS) / 60, 1) +
          ' min) | heapUsed slope | screens | requests | errors |',
        '|---|---|---|---|---|---|---|---|---|',
        `| ${f(rssAtStart)} MiB | ${f(atWarmUp.rssMiB)} MiB | ${f(rssEnd)} MiB | ${f(rssMax)} MiB | ${f(rssSlope, 2)} MiB/min | ` +
          `${f(heapSlope, 2)} MiB/min | ${load.requests} (${f(load.requestsPerSecond)}/s) | ${client.requests} | ${client.errorCount} |`,
        '',
        ...(fullGcs
          ? [
              `heap after each full GC: ${f(gcsInWindow[0]?.afterMiB)} -> ${f(fullGcs.last)} MiB, slope ${f(fullGcSlope, 2)} MiB/min ` +
                `(${gcsInWindow.length} mark-compacts in the window)`,
            ]
          : []),
        `verdict: RSS ${Math.abs(rssSlope) <= FLAT_MIB_PER_MINUTE ? 'flat' : 'NOT flat'} (slope ${f(rssSlope, 2)} MiB/min; flat: at most ${FLAT_MIB_PER_MINUTE})` +
          (fullGcs
            ? `; heap after full GCs ${Math.abs(fullGcSlope) <= FLAT_MIB_PER_MINUTE ? 'flat' : 'NOT flat'} (${f(fullGcSlope, 2)} MiB/min)`
            : ''),
        `errors by code: ${client.errors.size ? JSON.stringify(summary.errorsByCode) : 'none'}; screens with errors: ${JSON.stringify(summary.failedScreens)}`,
        `screens: ${JSON.stringify(summary.screenCounts)}; sign-ins ${client.signIns}; writes ${client.writes}`,
        writeSize
          ? `one write pair (createReferral + cancelReferral) keeps ${f(writeSize.worldBytesPerPair / 1024)} KiB in the simulator's world ` +
            `(${writeSize.pairs} pairs measured in-process): ~${f(summary.worldGrowthEstimateMiB)} MiB for this soak's ${client.writes / 2} pairs, ` +
            `${f(summary.worldGrowthMiBPerMinute, 2)} MiB/min`
          : "one write's size in the simulator's world: not measured",
        '',
      ].join('\n'),
    );

    mkdirSync(path.dirname(options.out), { recursive: true });
    const meta = {
      measuredAt: new Date().toISOString(),
      ...checkout,
      node: process.version,
      machine: { cpus: os.cpus().length, memoryMiB: Math.round(os.totalmem() / MiB), load: os.loadavg() },
      serverPid: pid,
      mix,
      traceGc: options.traceGc,
      freshSignInShare: FRESH_SIGN_IN,
    };
    writeFileSync(options.out, `${JSON.stringify({ meta, summary, samples }, null, 2)}\n`);
    process.stdout.write(`wrote ${path.relative(process.cwd(), options.out)}\n`);
  } finally {
    await server?.stop();
    rmSync(keysDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

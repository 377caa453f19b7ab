/**
 * Trusted documents (TRUSTED_DOCUMENTS = codegen's manifest): registered operations run by hash or
 * by exact text, anything else is refused before any e-RS call. Without a manifest, automatic
 * persisted queries round-trip through the shared keyv store, across instances with Redis.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { getIntrospectionQuery, print } from 'graphql';
import type Keyv from 'keyv';
import { CheapWorklistDocument, ReferralWithServicesDocument } from '../../operations/__generated__/operations';
import { createKeyvStore, redisAdapterOf } from '../../src/cache/keyv-store';
import { APQ_TTL_SECONDS, documentHash } from '../../src/trusted-documents';
import { Harness, startHarness, USERS } from '../helpers/harness';
import { describeWithRedis, REDIS_URL, reachable } from '../helpers/redis';

const MANIFEST = join(__dirname, '..', '..', 'operations', '__generated__', 'persisted-documents.json');

interface Answer {
  status: number;
  body: {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; extensions?: Record<string, any> }>;
  };
}

/** Apollo's persisted-query extension for a hash. */
const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

/** Posts a raw GraphQL request body (one request, or a batch) as a user of the simulator (null: no token). */
async function post(h: Harness, body: unknown, user: string | null = USERS.providerClinician): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (user) headers.Authorization = `Bearer ${await h.idToken(user)}`;
  const response = await fetch(h.graphqlUrl, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** A GET request with the given search parameters (JSON-encoded where they are objects). */
async function get(h: Harness, params: Record<string, unknown>, user: string = USERS.providerClinician): Promise<Answer> {
  const search = new URLSearchParams(
    Object.entries(params).map(([name, value]): [string, string] => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
  const response = await fetch(`${h.graphqlUrl}?${search}`, {
    // A GET without a preflight-forcing header is refused by Apollo's CSRF prevention.
    headers: { Authorization: `Bearer ${await h.idToken(user)}`, 'Apollo-Require-Preflight': 'true' },
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const CHEAP = print(CheapWorklistDocument);
const DETAIL = print(ReferralWithServicesDocument);

describe('trusted documents (TRUSTED_DOCUMENTS set to the manifest codegen writes)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { TRUSTED_DOCUMENTS: MANIFEST } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  /** Every call the simulator saw (A030 and the token exchange included), and the refusal's shape. */
  function expectRefused(answer: Answer): void {
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([
      {
        message: expect.stringMatching(/^This server runs only the operations of its trusted documents \(TRUSTED_DOCUMENTS\)/),
        extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
      },
    ]);
    expect(h.simulator.calls).toEqual([]);
  }

  it('runs a registered operation sent by its hash alone, by its exact text, and by both, with the same answer', async () => {
    const byHash = await post(h, { extensions: persisted(documentHash(CHEAP)), variables: { after: null } });
    expect(byHash.status).toBe(200);
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data!.referralWorklist.totalCount).toBeGreaterThan(0);
    expect(byHash.body.data!.referralWorklist.edges).toHaveLength(20);
    // One e-RS call (the worklist), as README prices the cheap worklist.
    expect(h.ersCalls().map((call) => call.path)).toEqual(['/STU3/ReferralRequest/$ers.fetchworklist']);

    const byText = await post(h, { query: CHEAP, variables: { after: null } });
    expect(byText.status).toBe(200);
    expect(byText.body).toEqual(byHash.body);
    const byBoth = await post(h, { query: CHEAP, extensions: persisted(documentHash(CHEAP)) });
    expect(byBoth.body).toEqual(byHash.body);
  });

  it('runs a registered query by hash with GET, variables included', async () => {
    const answer = await get(h, { extensions: persisted(documentHash(DETAIL)), variables: { ubrn: '000050000001' } }, USERS.referrer);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.referral).toMatchObject({ ubrn: '000050000001', state: { state: 'BOOKED' } });
  });

  it.each([
    [
      'a document that is not in the manifest',
      { query: '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 500) { edges { node { ubrn } } } }' },
    ],
    ['a registered document with its text changed (one space more)', { query: CHEAP.replace('{', ' {') }],
    [
      'a registered operation inside a bigger document',
      { query: `${CHEAP}\nquery Other { me { userId } }`, operationName: 'CheapWorklist' },
    ],
    ['an unknown hash alone', { extensions: persisted(documentHash('{ me { userId } }')) }],
    [
      'a new document with its own hash (an APQ registration)',
      { query: '{ me { userId } }', extensions: persisted(documentHash('{ me { userId } }')) },
    ],
    ['a registered hash with another text', { query: '{ me { userId } }', extensions: persisted(documentHash(CHEAP)) }],
    ['text that is not GraphQL (no syntax error to learn from)', { query: '{ referral(' }],
    ["GraphiQL's introspection query", { query: getIntrospectionQuery() }],
    ['a batch holding one registered operation and another', [{ query: CHEAP }, { query: '{ me { userId } }' }]],
  ])('refuses %s with PERSISTED_QUERY_NOT_IN_LIST and no e-RS call', async (_what, body) => {
    expectRefused(await post(h, body));
  });

  it('refuses before authenticating: a request without a token gets the same refusal, not a 401', async () => {
    expectRefused(await post(h, { query: '{ me { userId } }' }, null));
  });

  it('refuses an unregistered query sent with GET', async () => {
    expectRefused(await get(h, { query: '{ me { userId } }' }));
  });

  it('refuses an unregistered operation sent as a multipart upload, before A020', async () => {
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({ query: 'mutation($f: Upload!) { uploadAttachment(file: $f) { url } }', variables: { f: null } }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob(['letter']), 'letter.txt');
    const response = await fetch(h.graphqlUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}`, 'Apollo-Require-Preflight': 'true' },
      body: form,
    });
    expectRefused({ status: response.status, body: (await response.json()) as Answer['body'] });
  });
});

/** A document no other run has registered: its name holds random letters (no digits, so that it is kept). */
function freshDocument(): string {
  const letters = [...randomBytes(12)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `query Apq${letters} {\n  me {\n    userId\n  }\n}`;
}

describe('automatic persisted queries (no manifest)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  it('round-trips: hash alone -> PERSISTED_QUERY_NOT_FOUND with no e-RS call, then the text with its hash, then the hash alone runs', async () => {
    const document = freshDocument();
    const hash = documentHash(document);
    const miss = await post(h, { extensions: persisted(hash) }, USERS.referrer);
    expect(miss.body.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(h.simulator.calls).toEqual([]);

    const registered = await post(h, { query: document, extensions: persisted(hash) }, USERS.referrer);
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data).toEqual({ me: { userId: USERS.referrer } });

    const hit = await post(h, { extensions: persisted(hash) }, USERS.referrer);
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual(registered.body);
  });

  it('refuses a hash that is not the sha256 of the text sent with it, and keeps nothing', async () => {
    const document = freshDocument();
    const wrong = documentHash(freshDocument());
    const answer = await post(h, { query: document, extensions: persisted(wrong) }, USERS.referrer);
    expect(answer.status).toBe(400);
    // Apollo's own refusal has no code (it would reach the client masked, as an internal error): refused before it.
    expect(answer.body.errors).toEqual([
      { message: 'extensions.persistedQuery.sha256Hash is not the sha256 of the query sent with it', extensions: { code: 'BAD_REQUEST' } },
    ]);
    expect(h.simulator.calls).toEqual([]);
    const miss = await post(h, { extensions: persisted(wrong) }, USERS.referrer);
    expect(miss.body.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('runs a document with an identifier written into it, but does not keep it (patient data is not cached across requests)', async () => {
    const document = '{ referral(ubrn: "000050000001") { ubrn } }';
    const hash = documentHash(document);
    const ran = await post(h, { query: document, extensions: persisted(hash) }, USERS.referrer);
    expect(ran.body.data).toEqual({ referral: { ubrn: '000050000001' } });
    const miss = await post(h, { extensions: persisted(hash) }, USERS.referrer);
    expect(miss.body.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describeWithRedis(
  `automatic persisted queries shared through Redis (${reachable ? REDIS_URL : `SKIPPED: no Redis at ${REDIS_URL}`})`,
  () => {
    let one: Harness;
    let two: Harness;
    const hashes: string[] = [];
    /** The APQ store as the servers make it (namespace `apq`), read directly. */
    let store: Keyv;
    const redisKey = (hash: string) => redisAdapterOf(store)!.createKeyPrefix(`apq:${hash}`, redisAdapterOf(store)!.namespace);

    beforeAll(async () => {
      store = createKeyvStore('apq', { redisUrl: REDIS_URL });
      // Two instances, each with its own simulator, process memory and Redis connection.
      one = await startHarness({ env: { REDIS_URL } });
      two = await startHarness({ env: { REDIS_URL } });
    });
    afterAll(async () => {
      const client = await redisAdapterOf(store)!.getClient();
      if (hashes.length > 0) await client.del(hashes.map(redisKey));
      await store.disconnect();
      await one?.close();
      await two?.close();
    });

    it('a hash registered on one instance runs on the other, kept in Redis for APQ_TTL_SECONDS', async () => {
      const document = freshDocument();
      const hash = documentHash(document);
      hashes.push(hash);
      const miss = await post(two, { extensions: persisted(hash) }, USERS.referrer);
      expect(miss.body.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');

      const registered = await post(one, { query: document, extensions: persisted(hash) }, USERS.referrer);
      expect(registered.body.data).toEqual({ me: { userId: USERS.referrer } });
      // Apollo stores the document after answering: wait until it is in Redis.
      const deadline = Date.now() + 5000;
      while ((await store.get(`apq:${hash}`)) === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await store.get(`apq:${hash}`)).toBe(document);
      const ttl = await (await redisAdapterOf(store)!.getClient()).ttl(redisKey(hash));
      expect(ttl).toBeGreaterThan(APQ_TTL_SECONDS - 60);
      expect(ttl).toBeLessThanOrEqual(APQ_TTL_SECONDS);

      two.simulator.resetCalls();
      const hit = await post(two, { extensions: persisted(hash) }, USERS.referrer);
      expect(hit.status).toBe(200);
      expect(hit.body).toEqual(registered.body);
    });

    it('does not put a document holding an identifier in Redis', async () => {
      const document = `query Apq${randomBytes(4).toString('hex').replace(/\d/g, 'x')} { referral(ubrn: "000050000001") { ubrn } }`;
      const hash = documentHash(document);
      hashes.push(hash);
      const ran = await post(one, { query: document, extensions: persisted(hash) }, USERS.referrer);
      expect(ran.body.data).toEqual({ referral: { ubrn: '000050000001' } });
      await new Promise((r) => setTimeout(r, 200));
      expect(await store.get(`apq:${hash}`)).toBeUndefined();
      const miss = await post(two, { extensions: persisted(hash) }, USERS.referrer);
      expect(miss.body.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });
  },
);

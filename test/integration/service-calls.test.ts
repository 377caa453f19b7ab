import { findReferral, findReferralByState } from '../../simulator';
import { Harness, startHarness, USERS } from '../helpers/harness';

/**
 * Healthcare services are read with A035, up to 20 ids a call, and shared across requests and
 * users for a few minutes (issue 11, "Fewer calls"). Counted at the simulator, over HTTP.
 */

/** A referrer's booking screen: five referrals awaiting booking, their shortlists and booked services. */
const REFERRER_SCREEN = `{ referralWorklist(type: AWAITING_BOOKING, first: 5) { edges { node { ubrn referral { ubrn shortlist { id name } bookedService { id name } } } } } }`;

type Call = { path: string; query: Record<string, string | string[]> };
const serviceCalls = (h: Harness) => h.ersCalls().filter((c) => c.path.startsWith('/R4/HealthcareService')) as Call[];
/** The ids of each A035 call, in the order sent. */
const a035Ids = (h: Harness) => serviceCalls(h).map((c) => String(c.query._id).split(','));

describe('healthcare services in one request (A035 batch loader)', () => {
  let h: Harness;
  beforeAll(async () => {
    // No reads shared across requests: each request's own calls are counted.
    h = await startHarness({ sharedReads: false });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  it('reads every service of a 5-item referrer worklist in 1 A035 call (one A033 call each before)', async () => {
    const result = await h.query(REFERRER_SCREEN);
    expect(result.errors).toBeUndefined();
    const edges = result.data!.referralWorklist.edges as Array<{
      node: { referral: { ubrn: string; shortlist: Array<{ id: string; name: string }>; bookedService: { id: string } | null } };
    }>;
    expect(edges).toHaveLength(5);
    const ids = new Set(
      edges.flatMap(({ node }) => [
        ...node.referral.shortlist.map((s) => s.id),
        ...(node.referral.bookedService ? [node.referral.bookedService.id] : []),
      ]),
    );
    for (const { node } of edges)
      for (const service of node.referral.shortlist)
        expect(service.name).toBe(h.simulator.world.services.find((s) => s.id === service.id)!.name);

    // The seeded referrals' shortlists (their appointments are at shortlisted services): several services each.
    const shortlisted = new Set(edges.flatMap(({ node }) => findReferral(h.simulator.world, node.referral.ubrn)!.shortlist));
    expect(ids).toEqual(shortlisted);
    expect(ids.size).toBeGreaterThan(5);
    expect(serviceCalls(h).every((c) => c.path === '/R4/HealthcareService')).toBe(true);
    expect(a035Ids(h)).toHaveLength(1);
    expect(new Set(a035Ids(h)[0])).toEqual(ids);
    // 1 A008 + 5 A005 + 1 A035 (was 1 + 5 + 13 A033 = 19).
    expect(h.ersCalls()).toHaveLength(7);
  });

  it('reads 20 distinct services in 1 A035 call, and a 21st in a second', async () => {
    const services = h.simulator.world.services.slice(0, 21);
    expect(services).toHaveLength(21);
    const referral = h.simulator.world.referrals.find(
      (r) => r.shortlist.length >= 2 && r.shortlist.every((id) => services.slice(0, 20).some((s) => s.id === id)),
    );
    expect(referral).toBeDefined();
    const twenty = services.slice(0, 20).map((s) => s.id);
    const result = await h.query(
      `query($ids: [ServiceId!]!, $ubrn: UBRN!, $one: ServiceId!) {
        healthcareServices(ids: $ids) { id name }
        referral(ubrn: $ubrn) { shortlist { id name } }
        healthcareService(id: $one) { id name }
      }`,
      { ids: twenty, ubrn: referral!.ubrn, one: twenty[7] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.healthcareServices.map((s: { id: string }) => s.id)).toEqual(twenty);
    expect(result.data!.referral.shortlist.map((s: { id: string }) => s.id)).toEqual(referral!.shortlist);
    expect(result.data!.healthcareService.name).toBe(services[7].name);
    expect(a035Ids(h)).toHaveLength(1);
    expect(a035Ids(h)[0].sort()).toEqual([...twenty].sort());

    h.simulator.resetCalls();
    const more = await h.query(
      `query($ids: [ServiceId!]!, $id: ServiceId!) { healthcareServices(ids: $ids) { id } healthcareService(id: $id) { id name } }`,
      {
        ids: twenty,
        id: services[20].id,
      },
    );
    expect(more.errors).toBeUndefined();
    expect(more.data!.healthcareService).toEqual({ id: services[20].id, name: services[20].name });
    const batches = a035Ids(h)
      .map((ids) => ids.length)
      .sort((a, b) => a - b);
    expect(batches).toEqual([1, 20]);
  });

  it('reads no service when only ids are asked for', async () => {
    const referral = findReferralByState(h.simulator.world, 'BOOKED');
    const result = await h.query(
      `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { shortlist { id __typename } bookedService { ... on HealthcareService { id } } } }`,
      { ubrn: referral.ubrn },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.referral.shortlist.map((s: { id: string }) => s.id)).toEqual(referral.shortlist);
    expect(result.data!.referral.bookedService.id).toBe(referral.appointment!.serviceId);
    expect(serviceCalls(h)).toHaveLength(0);
    expect(h.ersCalls()).toHaveLength(1);
  });

  it('still refuses ids alone to a role e-RS refuses A035, before any call', async () => {
    const referral = findReferralByState(h.simulator.world, 'BOOKED');
    const result = await h.query(
      `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { ubrn shortlist { id } } }`,
      { ubrn: referral.ubrn },
      { user: USERS.providerClinician },
    );
    expect(result.data!.referral).toEqual({ ubrn: referral.ubrn, shortlist: null });
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A035' });
    expect(serviceCalls(h)).toHaveLength(0);
  });

  it('fails only the position of a service e-RS does not return, with NOT_FOUND', async () => {
    const known = h.simulator.world.services[0].id;
    const result = await h.query(`{ a: healthcareService(id: "${known}") { id } b: healthcareService(id: "99999999") { id } }`);
    expect(result.data).toEqual({ a: { id: known }, b: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].path).toEqual(['b']);
    expect(result.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', endpoint: 'A035' });
    expect(a035Ids(h)).toEqual([[known, '99999999']]);
  });
});

describe('healthcare services shared across requests and users', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  it('reloads the referrer worklist with 0 service calls, and another referrer reads none either', async () => {
    const first = await h.query(REFERRER_SCREEN);
    expect(first.errors).toBeUndefined();
    expect(a035Ids(h)).toHaveLength(1);

    h.simulator.resetCalls();
    const reload = await h.query(REFERRER_SCREEN);
    expect(reload.errors).toBeUndefined();
    expect(reload.data).toEqual(first.data);
    expect(serviceCalls(h)).toHaveLength(0);
    // 1 A008 + 5 A005: the referrals are current reads, read afresh.
    expect(h.ersCalls()).toHaveLength(6);

    h.simulator.resetCalls();
    const other = await h.query(REFERRER_SCREEN, undefined, {
      user: USERS.commissioner,
      headers: {
        'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN_ADMIN',
        'NHSD-End-User-Organisation-ODS': h.simulator.world.referrer.odsCode,
      },
    });
    expect(other.errors).toBeUndefined();
    expect(serviceCalls(h)).toHaveLength(0);
  });

  it('runs the role gate for each caller before the shared copy: a provider still gets FORBIDDEN', async () => {
    const id = h.simulator.world.services[0].id;
    const asReferrer = await h.query(`{ healthcareService(id: "${id}") { name } }`);
    expect(asReferrer.errors).toBeUndefined();
    h.simulator.resetCalls();
    const asProvider = await h.query(`{ healthcareService(id: "${id}") { name } }`, undefined, { user: USERS.providerClinician });
    expect(asProvider.data!.healthcareService).toBeNull();
    expect(asProvider.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A035' });
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('never keeps a service e-RS did not return: NOT_FOUND is asked afresh', async () => {
    for (let i = 0; i < 2; i++) {
      h.simulator.resetCalls();
      const result = await h.query('{ healthcareService(id: "99999998") { name } }');
      expect(result.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', endpoint: 'A035' });
      expect(a035Ids(h)).toEqual([['99999998']]);
    }
  });
});

describe('SERVICE_CACHE_TTL_SECONDS=0', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { SERVICE_CACHE_TTL_SECONDS: '0' } });
  });
  afterAll(() => h.close());

  it('reads the services again on every request', async () => {
    for (let i = 0; i < 2; i++) {
      h.simulator.resetCalls();
      expect((await h.query(REFERRER_SCREEN)).errors).toBeUndefined();
      expect(a035Ids(h)).toHaveLength(1);
    }
  });
});

import { Harness, startHarness, USERS } from '../helpers/harness';

describe('appointment slots (A015)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const bookable = () => {
    const { world } = h.simulator;
    for (const referral of world.referrals.filter((r) => r.state === 'NOT_BOOKED')) {
      const service = referral.shortlist
        .map((id) => world.services.find((s) => s.id === id)!)
        .find((s) => s.bookableType === 'DIRECTLY_BOOKABLE');
      if (service) return { referral, service };
    }
    throw new Error('no bookable referral');
  };

  it('pages a referral’s slots with its own priority and commissioning rule, as e-RS pages them', async () => {
    const { referral, service } = bookable();
    const query = `query($ubrn: UBRN!, $service: ServiceId!, $after: String) { referral(ubrn: $ubrn) { slots(serviceId: $service, first: 5, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id start end status serviceId } } } } }`;
    const first = await h.query(query, { ubrn: referral.ubrn, service: service.id });
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.referral.slots;
    expect(page1.edges).toHaveLength(5);
    expect(page1.totalCount).toBeGreaterThan(5);
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    for (const { node } of page1.edges) expect(node).toMatchObject({ status: 'FREE', serviceId: service.id });

    const a015 = h.ersCalls().find((c) => c.path === '/STU3/Slot')!;
    expect(a015.query).toMatchObject({
      'schedule.actor:HealthcareService': service.id,
      appointmentType: referral.priority,
      status: 'free',
      _count: '5',
      page: '1',
    });
    expect(a015.headers['nhsd-ers-comm-rule-org']).toBe(referral.commissioningRuleOdsCode);

    const second = await h.query(query, { ubrn: referral.ubrn, service: service.id, after: page1.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(second.data!.referral.slots.pageInfo.hasPreviousPage).toBe(true);
    const ids = [...page1.edges, ...second.data!.referral.slots.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(ids).size).toBe(10);
    expect(
      h
        .ersCalls()
        .filter((c) => c.path === '/STU3/Slot')
        .map((c) => c.query.page),
    ).toEqual(['1', '2']);
  });

  it.each([
    [
      'a service not on the shortlist',
      (h: Harness) => ({ serviceId: h.simulator.world.services.find((s) => !bookableOf(h).referral.shortlist.includes(s.id))!.id }),
    ],
    ['more than 100 per page', () => ({ first: 101 })],
  ])('refuses %s with BAD_USER_INPUT and no A015 call', async (_name, override) => {
    const { referral, service } = bookable();
    const args = { serviceId: service.id, first: 5, ...override(h) };
    const result = await h.query(
      `{ referral(ubrn: "${referral.ubrn}") { slots(serviceId: "${args.serviceId}", first: ${args.first}) { totalCount } } }`,
    );
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(h.ersCalls().filter((c) => c.path === '/STU3/Slot')).toHaveLength(0);
  });

  it('searches slots directly, and refuses provider roles before calling e-RS', async () => {
    const { referral, service } = bookable();
    const query = `{ appointmentSlots(search: { serviceId: "${service.id}", priority: ${referral.priority}, commissioningRuleOrgOdsCode: "${referral.commissioningRuleOdsCode}" }, first: 3) { edges { node { id } } } }`;
    const ok = await h.query(query);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.appointmentSlots.edges).toHaveLength(3);
    h.simulator.resetCalls();
    const refused = await h.query(query, undefined, { user: USERS.providerClinician });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A015' });
    expect(h.ersCalls()).toHaveLength(0);
  });

  function bookableOf(h: Harness) {
    const { world } = h.simulator;
    const referral = world.referrals
      .filter((r) => r.state === 'NOT_BOOKED')
      .find((r) => r.shortlist.some((id) => world.services.find((s) => s.id === id)!.bookableType === 'DIRECTLY_BOOKABLE'))!;
    return { referral };
  }
});

import { findService, referralsByState, type Referral } from '../../simulator';
import { Harness, startHarness, USERS } from '../helpers/harness';

const PROVIDER_SCREEN = /* GraphQL */ `
  query ProviderWorklistScreen($after: String) {
    referralWorklist(type: REFERRALS_FOR_REVIEW, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ubrn
          priority
          ... on ReferralForReviewWorklistItem {
            serviceName
            specialty {
              code
            }
          }
          referral {
            ubrn
            version
            patientNhsNumber
            priority
            availableActions
            attachments {
              title
              availability
            }
          }
        }
      }
    }
  }
`;

describe('referral worklists (A008)', () => {
  let h: Harness;
  beforeAll(async () => {
    // Whole pages of 500 with a read per item (502 calls) are over the default ERS_COST_LIMIT (300).
    h = await startHarness({ env: { ERS_COST_LIMIT: '600' } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const count = (pattern: RegExp) => h.ersCalls().filter((c) => pattern.test(c.path)).length;

  it('serves the provider worklist screen with the minimum e-RS calls', async () => {
    const result = await h.query(PROVIDER_SCREEN, {}, { user: USERS.providerClinician });
    expect(result.errors).toBeUndefined();
    const connection = result.data!.referralWorklist;
    const { world } = h.simulator;
    const expected = [...referralsByState(world, 'BOOKED'), ...referralsByState(world, 'AWAITING_TRIAGE')];
    expect(connection.totalCount).toBe(expected.length);
    expect(connection.edges).toHaveLength(50);
    expect(connection.pageInfo.hasNextPage).toBe(true);

    for (const { node } of connection.edges) {
      const referral = world.referrals.find((r) => r.ubrn === node.ubrn)!;
      expect(['BOOKED', 'AWAITING_TRIAGE']).toContain(referral.state);
      expect(node.referral.ubrn).toBe(node.ubrn);
      expect(node.referral.patientNhsNumber).toBe(referral.patientNhsNumber);
      expect(node.serviceName).toEqual(expect.any(String));
      expect(Array.isArray(node.referral.availableActions)).toBe(true);
      expect(node.referral.attachments).toHaveLength(referral.attachmentIds.length);
    }
    const distinct = new Set(connection.edges.map((e: { node: { ubrn: string } }) => e.node.ubrn)).size;
    // 1 worklist + one A005 per distinct referral + one A029 per referral; the service name comes with
    // the worklist item, so no A033 (which e-RS keeps for referrer roles anyway).
    expect(count(/\/\$ers\.fetchworklist$/)).toBe(1);
    expect(count(/^\/STU3\/ReferralRequest\/\d{12}/)).toBe(distinct);
    expect(count(/^\/STU3\/Task$/)).toBe(50);
    expect(count(/^\/R4\/HealthcareService/)).toBe(0);
    expect(h.ersCalls()).toHaveLength(1 + distinct + 50);
  });

  it.each([
    ['REFERRALS_FOR_REVIEW', 'providerClinician', 'ReferralForReviewWorklistItem'],
    ['APPOINTMENT_SLOT_ISSUES', 'providerClinician', 'AppointmentSlotIssueWorklistItem'],
    ['REJECTED_TRIAGE_RESPONSE', 'referrer', 'ReferralStatusWorklistItem'],
    ['ASSESSMENT_RETURNED_CANCELLED_DNA', 'referrer', 'ReferralStatusWorklistItem'],
    ['AWAITING_BOOKING', 'referrer', 'ReferralStatusWorklistItem'],
    ['LETTERS_OUTSTANDING', 'referrer', 'LettersOutstandingWorklistItem'],
  ] as const)('serves %s to its side, items typed and linked to their referral', async (type, user, typename) => {
    const result = await h.query(
      `{ referralWorklist(type: ${type}, first: 500) { totalCount edges { node { __typename ubrn worklistType referral { ubrn } } } } }`,
      undefined,
      { user: USERS[user] },
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.referralWorklist.edges.map((e: { node: Record<string, any> }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(result.data!.referralWorklist.totalCount).toBe(nodes.length);
    for (const node of nodes) {
      expect(node).toMatchObject({ __typename: typename, worklistType: type });
      expect(node.referral.ubrn).toBe(node.ubrn);
    }
  });

  it('makes no A029 call when availableActions is not asked for, and no A005 without referral fields', async () => {
    await h.query('{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 20) { edges { node { ubrn referral { ubrn } } } } }', undefined, {
      user: USERS.providerClinician,
    });
    expect(count(/^\/STU3\/Task$/)).toBe(0);
    h.simulator.resetCalls();
    await h.query('{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 20) { edges { node { ubrn } } } }', undefined, {
      user: USERS.providerClinician,
    });
    expect(h.ersCalls().map((c) => c.path)).toEqual(['/STU3/ReferralRequest/$ers.fetchworklist']);
  });

  it('pages with stable cursors and refuses a cursor that is not of this list', async () => {
    const first = await h.query(PROVIDER_SCREEN, {}, { user: USERS.providerClinician });
    const second = await h.query(
      PROVIDER_SCREEN,
      { after: first.data!.referralWorklist.pageInfo.endCursor },
      { user: USERS.providerClinician },
    );
    expect(second.errors).toBeUndefined();
    const ubrns = [...first.data!.referralWorklist.edges, ...second.data!.referralWorklist.edges].map(
      (e: { node: { ubrn: string } }) => e.node.ubrn,
    );
    expect(new Set(ubrns).size).toBe(ubrns.length);
    expect(ubrns).toHaveLength(first.data!.referralWorklist.totalCount);
    expect(second.data!.referralWorklist.pageInfo.hasNextPage).toBe(false);

    const stale = await h.query(PROVIDER_SCREEN, { after: 'eyJpIjo1LCJrIjoiMDAwMDAwMDAwMDAwIn0' }, { user: USERS.providerClinician });
    expect(stale.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['REJECTED_TRIAGE_RESPONSE', ['REJECTED', 'TRIAGE_RESPONSE']],
    [
      'AWAITING_BOOKING',
      ['NOT_BOOKED', 'AWAITING_TRIAGE', 'DEFERRED_TO_PROVIDER', 'APPT_CANCELLED_BY_PATIENT', 'APPT_CANCELLED_BY_PROVIDER'],
    ],
  ])('gives a referrer the %s worklist with typed items', async (type, states) => {
    const result = await h.query(
      `{ referralWorklist(type: ${type}, first: 500) { totalCount edges { node { __typename ubrn worklistType ... on ReferralStatusWorklistItem { state { state } referrerUserId } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.referralWorklist.edges.map((e: { node: Record<string, any> }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.__typename).toBe('ReferralStatusWorklistItem');
      expect(node.worklistType).toBe(type);
      expect(states).toContain(h.simulator.world.referrals.find((r) => r.ubrn === node.ubrn)!.state);
    }
  });

  it('filters a provider worklist by service in e-RS', async () => {
    const service = h.simulator.world.services.find((s) =>
      referralsByState(h.simulator.world, 'BOOKED').some((r) => r.appointment?.serviceId === s.id),
    )!;
    const result = await h.query(
      `{ referralWorklist(type: REFERRALS_FOR_REVIEW, filter: { serviceId: "${service.id}" }) { totalCount edges { node { ... on ReferralForReviewWorklistItem { serviceId } } } } }`,
      undefined,
      { user: USERS.providerClinician },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.referralWorklist.totalCount).toBeGreaterThan(0);
    for (const edge of result.data!.referralWorklist.edges) expect(edge.node.serviceId).toBe(service.id);
    const body = JSON.stringify(h.ersCalls()[0]);
    expect(body).toContain('fetchworklist');
  });

  it('filters by priority and orders by priority in ers-graph, over the one worklist call', async () => {
    const all = await h.query('{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 500) { edges { node { priority } } } }', undefined, {
      user: USERS.providerClinician,
    });
    const sorted = await h.query(
      '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 500, orderBy: PRIORITY) { edges { node { ubrn priority } } } }',
      undefined,
      { user: USERS.providerClinician },
    );
    const urgent = await h.query(
      '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 500, priorities: [URGENT]) { totalCount edges { node { priority } } } }',
      undefined,
      { user: USERS.providerClinician },
    );
    const codes = (r: typeof all) => r.data!.referralWorklist.edges.map((e: { node: { priority: string } }) => e.node.priority);
    const rank = { TWO_WEEK_WAIT: 0, URGENT: 1, ROUTINE: 2 } as Record<string, number>;
    expect(codes(sorted).map((c: string) => rank[c])).toEqual([...codes(sorted).map((c: string) => rank[c])].sort((a, b) => a - b));
    expect(codes(sorted).slice().sort()).toEqual(codes(all).slice().sort());
    expect(urgent.data!.referralWorklist.totalCount).toBe(codes(all).filter((c: string) => c === 'URGENT').length);
    expect(new Set(codes(urgent))).toEqual(new Set(['URGENT']));
    expect(h.ersCalls().filter((c) => c.path.endsWith('fetchworklist'))).toHaveLength(3);
  });

  it('asks e-RS for items with no clinician assigned (NOT_ASSIGNED)', async () => {
    const result = await h.query(
      '{ referralWorklist(type: REFERRALS_FOR_REVIEW, filter: { clinicianAssigned: NOT_ASSIGNED }) { totalCount } }',
      undefined,
      { user: USERS.providerClinician },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.referralWorklist.totalCount).toEqual(expect.any(Number));
  });

  it.each([
    [
      'a filter on a referrer worklist',
      '{ referralWorklist(type: AWAITING_BOOKING, filter: { serviceId: "30001" }) { totalCount } }',
      USERS.referrer,
    ],
    [
      'a malformed clinician id',
      '{ referralWorklist(type: REFERRALS_FOR_REVIEW, filter: { clinicianUserId: "12" }) { totalCount } }',
      USERS.providerClinician,
    ],
    ['first out of range', '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 0) { totalCount } }', USERS.providerClinician],
  ])('refuses %s with BAD_USER_INPUT and no e-RS call', async (_name, query, user) => {
    const result = await h.query(query, undefined, { user });
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('gives FORBIDDEN to a role that may not read worklists, before calling e-RS', async () => {
    const result = await h.query('{ referralWorklist(type: AWAITING_BOOKING) { totalCount } }', undefined, {
      user: USERS.commissioner,
      headers: { 'NHSD-eRS-Business-Function': 'COMMISSIONER', 'NHSD-End-User-Organisation-ODS': 'Q9Z' },
    });
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A008' });
    expect(h.ersCalls()).toHaveLength(0);
  });
});

describe('referrer referral detail screen', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('reads everything on the screen with the minimum e-RS calls', async () => {
    const { world } = h.simulator;
    // Booked into a directly bookable service, which the referrer may cancel (A029 CANCEL_DIRECTLY_BOOKED_APPOINTMENT).
    const directly = (r: Referral) =>
      r.state === 'BOOKED' && findService(world, r.appointment!.serviceId)!.bookableType === 'DIRECTLY_BOOKABLE';
    const referral = world.referrals.find((r) => directly(r) && r.relatedReferralUbrn) ?? world.referrals.find(directly)!;
    h.simulator.resetCalls();
    const result = await h.query(
      `query Detail($ubrn: UBRN!) { referral(ubrn: $ubrn) {
        ubrn state { state } priority specialty { display }
        shortlist { id name } bookedService { id name }
        availableActions
        attachments { title availability }
        appointment { status start service { name } }
        relatedReferrals { ubrn state { state } }
      } }`,
      { ubrn: referral.ubrn },
    );
    expect(result.errors).toBeUndefined();
    const got = result.data!.referral;
    expect(got.shortlist.map((s: { id: string }) => s.id)).toEqual(referral.shortlist);
    expect(got.availableActions).toContain('CANCEL_DIRECTLY_BOOKED_APPOINTMENT');
    expect(got.appointment.status).toBe('BOOKED');

    const calls = h.ersCalls().map((c) => c.path);
    const services = new Set([...referral.shortlist, got.bookedService.id]);
    const related = got.relatedReferrals.length;
    // 1 A005 + 1 A035 for every distinct service (shared by shortlist, booked service and appointment; one A033
    // each before issue 11) + 1 A029 + 1 A038 + one A005 per related referral.
    expect(calls.filter((p) => /^\/STU3\/ReferralRequest\/\d{12}$/.test(p))).toHaveLength(1 + related);
    const serviceCalls = h.ersCalls().filter((c) => c.path.startsWith('/R4/HealthcareService'));
    expect(serviceCalls.map((c) => c.path)).toEqual(['/R4/HealthcareService']);
    expect(new Set(String(serviceCalls[0].query._id).split(','))).toEqual(services);
    expect(calls.filter((p) => p === '/STU3/Task')).toHaveLength(1);
    expect(calls.filter((p) => p.startsWith('/STU3/Appointment/'))).toHaveLength(1);
    expect(calls).toHaveLength(1 + related + 1 + 1 + 1);
  });
});

describe('referral links: pathway, service requests, appointment', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  it('gathers the referrals of a pathway and the R4 service request ids in one query', async () => {
    const referral = h.simulator.world.referrals.find((r) => r.relatedReferralUbrn)!;
    const result = await h.query(
      `{ referral(ubrn: "${referral.ubrn}") { serviceRequestIds relatedReferrals { ubrn attachments { title } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.referral.relatedReferrals.map((r: { ubrn: string }) => r.ubrn)).toContain(referral.relatedReferralUbrn);
    expect(result.data!.referral.serviceRequestIds.length).toBeGreaterThan(0);
    expect(result.data!.referral.serviceRequestIds.every((id: string) => /^\S+$/.test(id))).toBe(true);
    const a041 = h.ersCalls().find((c) => c.path === '/R4/ServiceRequest')!;
    expect(String(a041.query.identifier)).toContain(referral.ubrn);
  });

  it('reads an appointment by id, linking back to its referral', async () => {
    const referral = h.simulator.world.referrals.find((r) => r.state === 'BOOKED' && r.appointment)!;
    const detail = await h.query(`{ referral(ubrn: "${referral.ubrn}") { appointment { id version status referral { ubrn } } } }`);
    expect(detail.errors).toBeUndefined();
    const appointment = detail.data!.referral.appointment;
    expect(appointment.referral.ubrn).toBe(referral.ubrn);
    const direct = await h.query(`{ appointment(id: "${appointment.id}") { id status } missing: appointment(id: "99999999") { id } }`);
    expect(direct.data!.appointment).toMatchObject({ id: appointment.id, status: 'BOOKED' });
    expect(direct.data!.missing).toBeNull();
    expect(direct.errors![0]).toMatchObject({ path: ['missing'], extensions: { code: 'NOT_FOUND' } });
  });
});

describe('the worklist screen without serialized round trips', () => {
  let h: Harness;
  beforeAll(async () => {
    // Without the cross-request reads, so every A005 reaches e-RS.
    h = await startHarness({ sharedReads: false });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  it('starts A029 from the UBRN and version the item names, beside A005, not after it', async () => {
    // A005 answers 400 ms late: A029 (a Task) started beside it answers first; started after it, it could not.
    h.simulator.setFaults([{ method: 'GET', path: /^\/STU3\/ReferralRequest\/\d{12}/, kind: 'delay', delayMs: 400, times: 1 }]);
    try {
      const result = await h.query(
        '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 1) { edges { node { ubrn referral { version availableActions } } } } }',
        undefined,
        { user: USERS.providerClinician },
      );
      expect(result.errors).toBeUndefined();
      const answered = h
        .ersCalls()
        .map((c) => (c.path === '/STU3/Task' ? 'A029' : /^\/STU3\/ReferralRequest\/\d{12}/.test(c.path) ? 'A005' : c.path));
      expect(answered.filter((p) => p === 'A029' || p === 'A005')).toEqual(['A029', 'A005']);
    } finally {
      h.simulator.setFaults([]);
    }
  });
});

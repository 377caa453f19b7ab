import { BUSINESS_FUNCTIONS } from '../../datasources/ers/endpoints';
import { findAdviceAndGuidance, findReferral, findService } from '../../simulator';
import { adviceWorklist } from '../../simulator/data/worklists';
import { encodeCursor } from '../../schema/connection.type';
import { GraphQLResult, Harness, startHarness, USERS } from '../helpers/harness';

const REQUEST_WITH_CONVERSATION = /* GraphQL */ `
  query AdviceAndGuidance($ubrn: UBRN!, $version: Version) {
    adviceAndGuidance(ubrn: $ubrn, version: $version) {
      ubrn
      version
      status
      conversationStatus
      specialty {
        code
      }
      serviceId
      serviceName
      requester {
        userId
        odsCode
      }
      conversation {
        id
        sentAt
        sentBy
        author {
          userId
          name
          odsCode
          businessFunction
        }
        organisationOdsCode
        text
        attachments {
          id
          title
          contentType
          size
          availability
        }
        adviceAndGuidance {
          ubrn
          version
        }
      }
    }
  }
`;

const WORKLIST_PAGE = /* GraphQL */ `
  query Worklist($filter: AdviceAndGuidanceWorklistFilter, $first: Int, $after: String) {
    adviceAndGuidanceWorklist(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          ubrn
          version
          serviceId
          specialty {
            code
          }
          conversationStatus
          adviceAndGuidance {
            ubrn
            version
            serviceId
          }
        }
      }
    }
  }
`;

/** The "A&G conversation" screen, reached from the worklist. */
const WORKLIST_CONVERSATIONS = /* GraphQL */ `
  query WorklistConversations($first: Int) {
    adviceAndGuidanceWorklist(first: $first) {
      edges {
        node {
          ubrn
          adviceAndGuidance {
            ubrn
            version
            conversationStatus
            conversation {
              id
              sentAt
              text
              author {
                userId
              }
              attachments {
                id
                title
              }
              adviceAndGuidance {
                ubrn
              }
            }
          }
        }
      }
    }
  }
`;

const asCommissioner = (h: Harness) => ({
  user: USERS.commissioner,
  headers: { 'NHSD-eRS-Business-Function': 'COMMISSIONER', 'NHSD-End-User-Organisation-ODS': h.simulator.world.commissioner.odsCode },
});

describe('Advice and Guidance over the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    // These tests count the e-RS calls of each request: nothing reused from an earlier one.
    h = await startHarness({ sharedReads: false });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.simulator.resetCalls();
    h.simulator.setFaults([]);
  });

  const calls = (pattern: RegExp) => h.ersCalls().filter((c) => pattern.test(c.path));
  const provider = { user: USERS.providerClinician };
  /** An A&G request with at least three messages and attachments on some of them. */
  const richRequest = () =>
    h.simulator.world.adviceAndGuidance.find(
      (a) =>
        a.messages.length >= 3 &&
        a.messages.some((m) => m.attachmentIds.length > 0) &&
        a.messages.some((m) => m.attachmentIds.length === 0),
    )!;
  const providerWorklist = () => adviceWorklist(h.simulator.world, h.simulator.world.provider.odsCode);

  describe('Query.adviceAndGuidance (A024) with its conversation (A025)', () => {
    it('returns the request and its whole conversation, oldest first, with authors and attachments, in one query', async () => {
      const request = richRequest();
      const result = await h.query(REQUEST_WITH_CONVERSATION, { ubrn: request.ubrn }, provider);

      expect(result.errors).toBeUndefined();
      const got = result.data!.adviceAndGuidance;
      expect(got).toMatchObject({
        ubrn: request.ubrn,
        version: String(request.versionId),
        status: request.status.toUpperCase(),
        conversationStatus: request.category,
        specialty: { code: request.specialty },
        serviceId: request.serviceId,
        serviceName: findService(h.simulator.world, request.serviceId)!.name,
      });

      const expected = [...request.messages].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
      const messages = got.conversation as Array<Record<string, any>>;
      expect(messages.map((m) => m.id)).toEqual(expected.map((m) => m.id));
      const times = messages.map((m) => Date.parse(m.sentAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      messages.forEach((message, i) => {
        const source = expected[i];
        expect(message.text).toBe(source.text);
        expect(message.author.userId).toBe(source.authorUserId);
        expect(message.author.odsCode).toBe(source.authorOdsCode);
        expect(message.organisationOdsCode).toBe(source.authorOdsCode);
        // The role the author wrote in; null for a role the e-RS API does not act in (e.g. SERVICE_DEFINER).
        expect([...BUSINESS_FUNCTIONS, null]).toContain(message.author.businessFunction);
        expect(message.sentBy).toBe(source.direction === 'REFERRER_TO_PROVIDER' ? 'REQUESTER' : 'RESPONDER');
        expect(message.attachments.map((a: { id: string }) => a.id)).toEqual(source.attachmentIds);
        for (const attachment of message.attachments) {
          const file = h.simulator.world.attachments.find((a) => a.id === attachment.id)!;
          expect(attachment).toMatchObject({ title: file.title, contentType: file.contentType, availability: file.availability });
          expect(attachment.size).toBe(file.bytes.length);
        }
        // The way back to the request costs nothing: the current read already holds its version.
        expect(message.adviceAndGuidance).toEqual({ ubrn: request.ubrn, version: String(request.versionId) });
      });

      expect(calls(/^\/STU3\/CommunicationRequest\//)).toHaveLength(1);
      const conversation = calls(/^\/STU3\/Communication$/);
      expect(conversation).toHaveLength(1);
      expect(h.ersCalls()).toHaveLength(2);
    });

    it('asks A025 for the current version, with every include it relies on', async () => {
      const request = richRequest();
      const result = await h.query(REQUEST_WITH_CONVERSATION, { ubrn: request.ubrn }, provider);
      expect(result.errors).toBeUndefined();
      const [call] = calls(/^\/STU3\/Communication$/);
      expect(call.query['based-on']).toBe(`CommunicationRequest/${request.ubrn}/_history/${request.versionId}`);
      expect([call.query._include].flat().sort()).toEqual([
        'Communication:content-reference:DocumentReference',
        'Communication:requester-practitionerrole:PractitionerRole',
        'Communication:sender-practitionerrole:PractionerRole',
      ]);
    });

    it('reads a version with the versioned A024 read, and its conversation', async () => {
      const request = richRequest();
      const result = await h.query(REQUEST_WITH_CONVERSATION, { ubrn: request.ubrn, version: String(request.versionId) }, provider);

      expect(result.errors).toBeUndefined();
      expect(result.data!.adviceAndGuidance.version).toBe(String(request.versionId));
      expect(result.data!.adviceAndGuidance.conversation).toHaveLength(request.messages.length);
      expect(calls(new RegExp(`^/STU3/CommunicationRequest/${request.ubrn}/_history/${request.versionId}$`))).toHaveLength(1);
      expect(h.ersCalls()).toHaveLength(2);
    });

    it('gives NOT_FOUND for a version e-RS no longer serves', async () => {
      const request = richRequest();
      const result = await h.query(REQUEST_WITH_CONVERSATION, { ubrn: request.ubrn, version: String(request.versionId - 1) }, provider);
      expect(result.data!.adviceAndGuidance).toBeNull();
      expect(result.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', endpoint: 'A024', httpStatus: 404 });
      expect(calls(/^\/STU3\/Communication$/)).toHaveLength(0);
    });

    it('gives NOT_FOUND with the e-RS code for an unknown UBRN', async () => {
      const result = await h.query(REQUEST_WITH_CONVERSATION, { ubrn: '999999999999' }, provider);
      expect(result.data!.adviceAndGuidance).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].path).toEqual(['adviceAndGuidance']);
      expect(result.errors![0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        endpoint: 'A024',
        httpStatus: 404,
        ersCode: expect.any(String),
      });
    });

    it("maps e-RS INVALID_REQUEST_TYPE (a referral's UBRN) to NOT_FOUND", async () => {
      const referral = h.simulator.world.referrals.find((r) => r.providerOdsCode === h.simulator.world.provider.odsCode)!;
      const result = await h.query(REQUEST_WITH_CONVERSATION, { ubrn: referral.ubrn }, provider);
      expect(result.data!.adviceAndGuidance).toBeNull();
      expect(result.errors![0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        endpoint: 'A024',
        ersCode: 'INVALID_REQUEST_TYPE',
        httpStatus: 422,
      });
      expect(result.errors![0].message).not.toContain(referral.ubrn);
      expect(h.ersCalls()).toHaveLength(1);
    });

    it('rejects a non-numeric version with BAD_USER_INPUT and no e-RS call', async () => {
      const result = await h.query(REQUEST_WITH_CONVERSATION, { ubrn: richRequest().ubrn, version: 'latest' }, provider);
      expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('gives FORBIDDEN before any e-RS call for a role that may not read A&G requests', async () => {
      const result = await h.query(REQUEST_WITH_CONVERSATION, { ubrn: richRequest().ubrn }, asCommissioner(h));
      expect(result.data!.adviceAndGuidance).toBeNull();
      expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A024' });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('lets the referrer read the request and its advice service (A033)', async () => {
      const request = richRequest();
      const result = await h.query(`query($ubrn: UBRN!) { adviceAndGuidance(ubrn: $ubrn) { serviceId serviceName service { id name } } }`, {
        ubrn: request.ubrn,
      });
      expect(result.errors).toBeUndefined();
      const service = findService(h.simulator.world, request.serviceId)!;
      expect(result.data!.adviceAndGuidance).toEqual({
        serviceId: service.id,
        serviceName: service.name,
        service: { id: service.id, name: service.name },
      });
    });

    it('gives a provider FORBIDDEN on `service` without calling A035, and still the service id and name', async () => {
      const request = richRequest();
      const result = await h.query(
        `query($ubrn: UBRN!) { adviceAndGuidance(ubrn: $ubrn) { serviceId serviceName service { id } } }`,
        { ubrn: request.ubrn },
        provider,
      );
      expect(result.data!.adviceAndGuidance).toMatchObject({
        serviceId: request.serviceId,
        serviceName: expect.any(String),
        service: null,
      });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]).toMatchObject({
        path: ['adviceAndGuidance', 'service'],
        extensions: { code: 'FORBIDDEN', endpoint: 'A035' },
      });
      expect(calls(/^\/R4\/HealthcareService/)).toHaveLength(0);
    });
  });

  describe('Query.adviceAndGuidanceWorklist (A023)', () => {
    it('pages the whole worklist with first/after, and links each item to its request version', async () => {
      const expected = providerWorklist();
      expect(expected.length).toBeGreaterThan(10);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        h.simulator.resetCalls();
        const result: GraphQLResult = await h.query(WORKLIST_PAGE, { first: 5, after }, provider);
        expect(result.errors).toBeUndefined();
        const page = result.data!.adviceAndGuidanceWorklist;
        pages++;
        expect(page.totalCount).toBe(expected.length);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        for (const { node } of page.edges) {
          const source = findAdviceAndGuidance(h.simulator.world, node.ubrn)!;
          expect(node.version).toBe(String(source.versionId));
          expect(node.adviceAndGuidance).toEqual({ ubrn: node.ubrn, version: node.version, serviceId: source.serviceId });
          seen.push(node.ubrn);
        }
        expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
        expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
        // 1 A023 + one versioned A024 per item on the page.
        expect(calls(/\$ers\.fetchworklist$/)).toHaveLength(1);
        expect(calls(/^\/STU3\/CommunicationRequest\/\d{12}\/_history\/\d+$/)).toHaveLength(page.edges.length);
        expect(h.ersCalls()).toHaveLength(1 + page.edges.length);
        if (!page.pageInfo.hasNextPage) break;
        expect(page.edges).toHaveLength(5);
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil(expected.length / 5));
      expect(seen).toEqual(expected.map((a) => a.ubrn));
    });

    it('sends e-RS the filter and returns only what it matches', async () => {
      const serviceId = providerWorklist()[0].serviceId;
      const result = await h.query(WORKLIST_PAGE, { filter: { serviceId }, first: 50 }, provider);
      expect(result.errors).toBeUndefined();
      const ubrns = result.data!.adviceAndGuidanceWorklist.edges.map((e: { node: { ubrn: string } }) => e.node.ubrn);
      expect(ubrns).toEqual(
        providerWorklist()
          .filter((a) => a.serviceId === serviceId)
          .map((a) => a.ubrn),
      );
      expect(
        result.data!.adviceAndGuidanceWorklist.edges.every((e: { node: { serviceId: string } }) => e.node.serviceId === serviceId),
      ).toBe(true);
    });

    it('filters by specialty', async () => {
      const specialty = providerWorklist()[0].specialty;
      const result = await h.query(WORKLIST_PAGE, { filter: { specialty }, first: 50 }, provider);
      expect(result.errors).toBeUndefined();
      const codes = result.data!.adviceAndGuidanceWorklist.edges.map(
        (e: { node: { specialty: { code: string } } }) => e.node.specialty.code,
      );
      expect(codes.length).toBe(providerWorklist().filter((a) => a.specialty === specialty).length);
      expect(new Set(codes)).toEqual(new Set([specialty]));
    });

    it('refuses a cursor from a list that has changed since, with BAD_USER_INPUT', async () => {
      const first = await h.query(WORKLIST_PAGE, { first: 5 }, provider);
      const endCursor = first.data!.adviceAndGuidanceWorklist.pageInfo.endCursor as string;
      // The fifth request leaves the worklist (its conversation closes).
      const leaving = findAdviceAndGuidance(h.simulator.world, first.data!.adviceAndGuidanceWorklist.edges[4].node.ubrn)!;
      leaving.status = 'completed';
      try {
        h.simulator.resetCalls();
        const next = await h.query(WORKLIST_PAGE, { first: 5, after: endCursor }, provider);
        expect(next.data!.adviceAndGuidanceWorklist).toBeNull();
        expect(next.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STALE_CURSOR' });
        expect(h.ersCalls()).toHaveLength(1);
      } finally {
        leaving.status = 'active';
      }
    });

    it('refuses a cursor pointing past the list as stale', async () => {
      const result = await h.query(WORKLIST_PAGE, { first: 5, after: encodeCursor({ i: 999, k: 'x' }) }, provider);
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STALE_CURSOR' });
    });

    it.each([
      ['a malformed clinician id', { filter: { clinicianUserId: '123' } }, /clinicianUserId/],
      ['a specialty with NOT assigned', { filter: { specialty: 'CARDIOLOGY', specialtyAssigned: 'NOT_ASSIGNED' } }, /specialtyAssigned/],
      ['a malformed ODS code', { filter: { locationOdsCode: 'r z z' } }, /locationOdsCode/],
      ['a negative page size', { first: -1 }, /first/],
      ['a cursor that is not one', { after: '%%%' }, /after/],
    ])('refuses %s with BAD_USER_INPUT before any e-RS call', async (_name, variables, message) => {
      const result = await h.query(WORKLIST_PAGE, variables, provider);
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0].message).toMatch(message);
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('gives a referrer FORBIDDEN with no e-RS call (A023 is for service providers)', async () => {
      const result = await h.query(WORKLIST_PAGE, { first: 5 });
      expect(result.data!.adviceAndGuidanceWorklist).toBeNull();
      expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A023' });
      expect(h.ersCalls()).toHaveLength(0);
    });
  });

  describe('conversion between A&G and referral', () => {
    const converted = () => h.simulator.world.adviceAndGuidance.find((a) => a.convertedToReferralUbrn)!;

    it('links a converted A&G request to its referral (A041, then A005)', async () => {
      const request = converted();
      const result = await h.query(
        `query($ubrn: UBRN!) { adviceAndGuidance(ubrn: $ubrn) { ubrn conversationStatus convertedReferral { ubrn convertedFromAdviceAndGuidanceUbrn } } }`,
        { ubrn: request.ubrn },
        provider,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.adviceAndGuidance.conversationStatus).toBe('ADVICE_CONVERTED');
      expect(result.data!.adviceAndGuidance.convertedReferral).toEqual({
        ubrn: request.convertedToReferralUbrn,
        convertedFromAdviceAndGuidanceUbrn: request.ubrn,
      });
      expect(calls(/^\/R4\/ServiceRequest$/)).toHaveLength(1);
      expect(calls(/^\/STU3\/ReferralRequest\//)).toHaveLength(1);
    });

    it('links the referral back to the A&G request it was converted from (A024)', async () => {
      const request = converted();
      const referral = findReferral(h.simulator.world, request.convertedToReferralUbrn!)!;
      const result = await h.query(
        `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { ubrn convertedFromAdviceAndGuidance { ubrn version conversationStatus convertedReferral { ubrn } } } }`,
        { ubrn: referral.ubrn },
        provider,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.referral.convertedFromAdviceAndGuidance).toEqual({
        ubrn: request.ubrn,
        version: String(request.versionId),
        conversationStatus: 'ADVICE_CONVERTED',
        convertedReferral: { ubrn: referral.ubrn },
      });
      // The round trip reads the referral once: the A005 loader already holds it.
      expect(calls(/^\/STU3\/ReferralRequest\//)).toHaveLength(1);
    });

    it('gives null for a request that was not converted, without asking A041', async () => {
      const request = richRequest();
      expect(request.category).not.toBe('ADVICE_CONVERTED');
      const result = await h.query(
        `query($ubrn: UBRN!) { adviceAndGuidance(ubrn: $ubrn) { convertedReferral { ubrn } } }`,
        { ubrn: request.ubrn },
        provider,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.adviceAndGuidance.convertedReferral).toBeNull();
      expect(calls(/^\/R4\/ServiceRequest$/)).toHaveLength(0);
    });

    it('gives null for a referral that was not converted from A&G, without asking A024', async () => {
      const referral = h.simulator.world.referrals.find(
        (r) => !r.convertedFromAdviceAndGuidanceUbrn && r.providerOdsCode === h.simulator.world.provider.odsCode,
      )!;
      const result = await h.query(
        `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { convertedFromAdviceAndGuidance { ubrn } } }`,
        { ubrn: referral.ubrn },
        provider,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.referral.convertedFromAdviceAndGuidance).toBeNull();
      expect(calls(/^\/STU3\/CommunicationRequest\//)).toHaveLength(0);
    });
  });

  describe('e-RS calls for the "A&G conversation" screen', () => {
    it('costs exactly 1 A024 + 1 A025 for one request and its conversation', async () => {
      const request = richRequest();
      const result = await h.query(REQUEST_WITH_CONVERSATION, { ubrn: request.ubrn }, provider);
      expect(result.errors).toBeUndefined();
      expect(h.ersCalls().map((c) => `${c.method} ${c.path}`)).toEqual([
        `GET /STU3/CommunicationRequest/${request.ubrn}`,
        'GET /STU3/Communication',
      ]);
    });

    it('costs exactly 1 A023 + one A024 and one A025 per distinct request from the worklist', async () => {
      const expected = providerWorklist();
      const n = expected.length;
      // The same request asked for again, under an alias, costs nothing more.
      const query = WORKLIST_CONVERSATIONS.replace(
        'adviceAndGuidanceWorklist(first: $first) {',
        'again: adviceAndGuidanceWorklist(first: $first) { edges { node { adviceAndGuidance { conversation { id } } } } }\n    adviceAndGuidanceWorklist(first: $first) {',
      );
      const result = await h.query(query, { first: 50 }, provider);

      expect(result.errors).toBeUndefined();
      const edges = result.data!.adviceAndGuidanceWorklist.edges as Array<{ node: Record<string, any> }>;
      expect(edges.map((e) => e.node.ubrn)).toEqual(expected.map((a) => a.ubrn));
      for (const { node } of edges) {
        const source = findAdviceAndGuidance(h.simulator.world, node.ubrn)!;
        expect(node.adviceAndGuidance.ubrn).toBe(node.ubrn);
        expect(node.adviceAndGuidance.conversation.map((m: { id: string }) => m.id).sort()).toEqual(
          source.messages.map((m) => m.id).sort(),
        );
      }

      expect(calls(/\$ers\.fetchworklist$/)).toHaveLength(1);
      expect(calls(/^\/STU3\/CommunicationRequest\/\d{12}\/_history\/\d+$/)).toHaveLength(n);
      expect(calls(/^\/STU3\/Communication$/)).toHaveLength(n);
      expect(h.ersCalls()).toHaveLength(1 + 2 * n);
    });
  });
});

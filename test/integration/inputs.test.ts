import { findReferralByState } from '../../simulator';
import { Harness, startHarness, USERS } from '../helpers/harness';

/** Inputs a careless or hostile client sends: refused early, typed, and never echoed. */
describe('inputs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sharedReads: false });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.simulator.calls.length = 0;
  });

  const nhsNumber = '9434765919';

  describe('role headers', () => {
    it.each([
      ['NHSD-eRS-Business-Function', { 'NHSD-eRS-Business-Function': nhsNumber }],
      [
        'NHSD-End-User-Organisation-ODS',
        { 'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN', 'NHSD-End-User-Organisation-ODS': nhsNumber },
      ],
      [
        'NHSD-eRS-On-Behalf-Of-User-ID',
        {
          'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
          'NHSD-End-User-Organisation-ODS': 'RZZ',
          'NHSD-eRS-On-Behalf-Of-User-ID': nhsNumber,
        },
      ],
      [
        'NHSD-eRS-On-Behalf-Of-User-ID with another role',
        { 'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN', 'NHSD-eRS-On-Behalf-Of-User-ID': nhsNumber },
      ],
    ])('holding an NHS number in %s are refused without echoing it, on /graphql and the document routes', async (_header, headers) => {
      const ubrn = findReferralByState(h.simulator.world, 'BOOKED').ubrn;
      const response = await fetch(h.graphqlUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await h.idToken(USERS.providerAdmin)}`, ...headers },
        body: JSON.stringify({ query: `{ referral(ubrn: "${ubrn}") { ubrn } }` }),
      });
      const text = await response.text();
      expect(JSON.parse(text).errors[0].extensions.code).toMatch(/^(BAD_USER_INPUT|FORBIDDEN)$/);
      expect(text).not.toContain(nhsNumber);

      const pdf = await fetch(h.graphqlUrl.replace('/graphql', `/referrals/${ubrn}/clinical-information.pdf`), {
        headers: { Authorization: `Bearer ${await h.idToken(USERS.providerAdmin)}`, ...headers },
      });
      const pdfText = await pdf.text();
      expect(pdf.status).toBeGreaterThanOrEqual(400);
      expect(JSON.parse(pdfText).errors[0].extensions.code).toMatch(/^(BAD_USER_INPUT|FORBIDDEN)$/);
      expect(pdfText).not.toContain(nhsNumber);
      expect(h.ersCalls()).toHaveLength(0);
    });
  });

  /** Posts a raw body to /graphql as the referrer; the answer's status, text and JSON. */
  async function post(body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
    const started = performance.now();
    const response = await fetch(h.graphqlUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}`, ...headers },
      body,
    });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text), ms: performance.now() - started };
  }

  describe('parse limits', () => {
    const n = 100_000;
    it.each([
      [
        '100,000 nested [ in an argument',
        `{ healthcareServices(ids: ${'['.repeat(n)}"1"${']'.repeat(n)}) { id } }`,
        /nests brackets more than 64 levels/,
      ],
      [
        '100,000 nested { in a selection',
        `{ referral(ubrn: "000050000001") ${'{ r '.repeat(n)}{ ubrn }${'}'.repeat(n)} }`,
        /nests brackets more than 64 levels/,
      ],
      [
        '100,000 nested { in an input object',
        `{ serviceSearch(input: ${'{ a: '.repeat(n)}1${' }'.repeat(n)}) { serviceId } }`,
        /nests brackets more than 64 levels/,
      ],
      ['a 1 MB document of tokens', `{ ${'a '.repeat(500_000)}}`, /Document contains more that 15000 tokens/],
    ])('refuse %s with GRAPHQL_PARSE_FAILED, fast and with no e-RS call', async (_what, query, message) => {
      const result = await post(JSON.stringify({ query }));
      expect(result.status).toBe(400);
      expect(result.json.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
      ]);
      expect(result.text).not.toMatch(/call stack/i);
      expect(result.ms).toBeLessThan(3000);
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('refuse the same nesting in a GET query string and in a multipart request', async () => {
      const query = `{ healthcareServices(ids: ${'['.repeat(1000)}"1"${']'.repeat(1000)}) { id } }`;
      const get = await fetch(`${h.graphqlUrl}?query=${encodeURIComponent(query)}`, {
        headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}`, 'Apollo-Require-Preflight': 'true' },
      });
      expect(get.status).toBe(400);
      expect(((await get.json()) as any).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');

      const form = new FormData();
      form.append(
        'operations',
        JSON.stringify({
          query: `mutation($f: Upload!) { uploadAttachment(file: $f) { url } ${'{'.repeat(1000)} }`,
          variables: { f: null },
        }),
      );
      form.append('map', JSON.stringify({ 0: ['variables.f'] }));
      form.append('0', new Blob([Buffer.from('hello')]), 'a.txt');
      const multipart = await post(form as unknown as string, { 'Apollo-Require-Preflight': 'true' });
      expect(multipart.status).toBe(400);
      expect(multipart.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('let a document nested to the limit reach validation, and count no brackets in strings or comments', async () => {
      const deep = `{ healthcareServices(ids: ${'['.repeat(60)}"1"${']'.repeat(60)}) { id } }`;
      const atLimit = await post(JSON.stringify({ query: deep }));
      // Parsed, then refused by validation: a list of lists is no ServiceId.
      expect(atLimit.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(atLimit.json.errors[0].message).not.toMatch(/nests brackets/);
      const brackets = '{['.repeat(1000);
      const quoted = await post(
        JSON.stringify({
          query: `# ${brackets}\nquery Q($u: UBRN = """${brackets} \\""" ${brackets}""") { referral(ubrn: "${brackets}\\" ${brackets}") { ubrn } }`,
        }),
      );
      expect(quoted.status).toBe(400);
      // Parsed: the UBRNs are refused by validation (and $u is never used), not by the nesting limit.
      const codes = quoted.json.errors.map((e: { extensions: { code: string } }) => e.extensions.code);
      expect(codes).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'BAD_USER_INPUT']));
      expect(codes).not.toContain('GRAPHQL_PARSE_FAILED');
    });

    it.each([
      [
        'variables',
        (nested: string) =>
          `{"query":"mutation($x: [ServiceId!]!) { changeShortlist(input: {ubrn: \\"000050000001\\", version: \\"1\\", priority: ROUTINE, specialty: \\"CARDIOLOGY\\", shortlist: $x}) { referral { ubrn } } }","variables":{"x":${nested}}}`,
      ],
      ['extensions', (nested: string) => `{"query":"{ __typename }","extensions":{"x":${nested}}}`],
    ])('refuse %s nested 100,000 deep with BAD_REQUEST (a mutation answered 500 before)', async (part, body) => {
      const result = await post(body('['.repeat(n) + ']'.repeat(n)), {
        'Content-Type': 'application/json',
        'Idempotency-Key': `nested-${part}`,
      });
      expect(result.status).toBe(400);
      expect(result.json.errors).toEqual([
        { message: `${part} nest arrays and objects more than 64 levels deep`, extensions: { code: 'BAD_REQUEST' } },
      ]);
      expect(h.ersCalls()).toHaveLength(0);
    });
  });

  describe('HTTP refusals of Fastify itself', () => {
    it.each([
      ['a body that is not JSON', '{"query":', 'application/json', 400, 'BAD_REQUEST'],
      [
        'a body over 1 MB',
        JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(1_100_000) }),
        'application/json',
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['a media type /graphql does not take', '{ __typename }', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['an empty JSON body', '', 'application/json', 400, 'BAD_REQUEST'],
    ])('answer %s like every other error: { errors: [{ message, extensions: { code } }] }', async (_what, body, type, status, code) => {
      const result = await post(body, { 'Content-Type': type });
      expect(result.status).toBe(status);
      expect(result.json).toEqual({ errors: [{ message: expect.any(String), extensions: { code } }] });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it.each([
      ['an unknown path', `/patients/${nhsNumber}`, 404, 'NOT_FOUND'],
      ['a method no route takes', '/health', 404, 'NOT_FOUND', 'DELETE'],
      ['a path that is not a valid URL', `/attachments/${nhsNumber}%zz`, 400, 'BAD_REQUEST'],
    ])('answer %s in the same shape, without echoing the path', async (_what, path, status, code, method = 'GET') => {
      const response = await fetch(h.graphqlUrl.replace(/\/graphql$/, path), { method });
      const text = await response.text();
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.any(String), extensions: { code } }] });
      expect(text).not.toContain(nhsNumber);
    });
  });

  describe('identifiers', () => {
    it('refuse healthcareService(id: "..") before any call (it requested GET /FHIR/R4/ before)', async () => {
      const result = await h.query('{ healthcareService(id: "..") { id } }');
      expect(result.status).toBe(400);
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/ServiceId must be an e-RS service id \(1 to 20 digits\)/),
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ]);
      expect(h.simulator.calls).toHaveLength(0);
    });

    // Each value holds an NHS number, and "; " (where graphql-js joins the value and the reason).
    const bad = `x; ${nhsNumber}`;
    it.each([
      [
        'healthcareService(id)',
        'ServiceId',
        'query($v: ServiceId!) { healthcareService(id: $v) { id } }',
        `{ healthcareService(id: "${bad}") { id } }`,
      ],
      [
        'healthcareServiceVersion(id)',
        'ServiceId',
        'query($v: ServiceId!) { healthcareServiceVersion(id: $v) }',
        `{ healthcareServiceVersion(id: "${bad}") }`,
      ],
      [
        'healthcareServices(ids)',
        'ServiceId',
        'query($v: ServiceId!) { healthcareServices(ids: ["1", $v]) { id } }',
        `{ healthcareServices(ids: ["1", "${bad}"]) { id } }`,
      ],
      [
        'appointment(id)',
        'AppointmentId',
        'query($v: AppointmentId!) { appointment(id: $v) { id } }',
        `{ appointment(id: "../${bad}") { id } }`,
      ],
      [
        'appointment(version)',
        'Version',
        'query($v: Version) { appointment(id: "70000", version: $v) { id } }',
        `{ appointment(id: "70000", version: "${bad}") { id } }`,
      ],
      [
        'referral(version)',
        'Version',
        'query($v: Version) { referral(ubrn: "000050000001", version: $v) { ubrn } }',
        `{ referral(ubrn: "000050000001", version: "${bad}") { ubrn } }`,
      ],
      [
        'adviceAndGuidance(version)',
        'Version',
        'query($v: Version) { adviceAndGuidance(ubrn: "000050000001", version: $v) { ubrn } }',
        `{ adviceAndGuidance(ubrn: "000050000001", version: "${bad}") { ubrn } }`,
      ],
      [
        'Referral.slots(serviceId)',
        'ServiceId',
        'query($v: ServiceId!) { referral(ubrn: "000050000001") { slots(serviceId: $v) { totalCount } } }',
        `{ referral(ubrn: "000050000001") { slots(serviceId: "${bad}") { totalCount } } }`,
      ],
      [
        'Referral.slots(clinicianUserId)',
        'SdsUserId',
        'query($v: SdsUserId) { referral(ubrn: "000050000001") { slots(serviceId: "1", clinicianUserId: $v) { totalCount } } }',
        `{ referral(ubrn: "000050000001") { slots(serviceId: "1", clinicianUserId: "${bad}") { totalCount } } }`,
      ],
      [
        'SlotSearchInput.commissioningRuleOrgOdsCode',
        'OdsCode',
        'query($v: OdsCode!) { appointmentSlots(search: { serviceId: "1", priority: ROUTINE, commissioningRuleOrgOdsCode: $v }) { totalCount } }',
        `{ appointmentSlots(search: { serviceId: "1", priority: ROUTINE, commissioningRuleOrgOdsCode: "${bad}" }) { totalCount } }`,
      ],
      [
        'ReferralWorklistFilter.locationOdsCode',
        'OdsCode',
        'query($v: OdsCode) { referralWorklist(type: REFERRALS_FOR_REVIEW, filter: { locationOdsCode: $v }) { totalCount } }',
        `{ referralWorklist(type: REFERRALS_FOR_REVIEW, filter: { locationOdsCode: "${bad}" }) { totalCount } }`,
      ],
      [
        'AdviceAndGuidanceWorklistFilter.clinicianUserId',
        'SdsUserId',
        'query($v: SdsUserId) { adviceAndGuidanceWorklist(filter: { clinicianUserId: $v }) { totalCount } }',
        `{ adviceAndGuidanceWorklist(filter: { clinicianUserId: "${bad}" }) { totalCount } }`,
      ],
      [
        'ServiceSearchInput.referringClinicianUserId',
        'SdsUserId',
        `query($v: SdsUserId) { serviceSearch(input: { patientNhsNumber: "${nhsNumber}", priority: ROUTINE, specialty: "CARDIOLOGY", referringClinicianUserId: $v }) { serviceId } }`,
        `{ serviceSearch(input: { patientNhsNumber: "${nhsNumber}", priority: ROUTINE, specialty: "CARDIOLOGY", referringClinicianUserId: "${bad}" }) { serviceId } }`,
      ],
      [
        'AcceptReferralInput.version',
        'Version',
        'mutation($v: Version!) { acceptReferral(input: { ubrn: "000050000001", version: $v }) { referral { ubrn } } }',
        `mutation { acceptReferral(input: { ubrn: "000050000001", version: "${bad}" }) { referral { ubrn } } }`,
      ],
      [
        'BookAppointmentInput.slotId',
        'SlotId',
        'mutation($v: SlotId!) { bookAppointment(input: { ubrn: "000050000001", version: "1", serviceId: "1", slotId: $v }) { referral { ubrn } } }',
        `mutation { bookAppointment(input: { ubrn: "000050000001", version: "1", serviceId: "1", slotId: "../${bad}" }) { referral { ubrn } } }`,
      ],
      [
        'ChangeShortlistInput.shortlist',
        'ServiceId',
        'mutation($v: ServiceId!) { changeShortlist(input: { ubrn: "000050000001", version: "1", priority: ROUTINE, specialty: "CARDIOLOGY", shortlist: [$v] }) { referral { ubrn } } }',
        `mutation { changeShortlist(input: { ubrn: "000050000001", version: "1", priority: ROUTINE, specialty: "CARDIOLOGY", shortlist: ["${bad}"] }) { referral { ubrn } } }`,
      ],
      [
        'AttachmentReferenceInput.url',
        'BinaryUrl',
        'mutation($v: BinaryUrl!) { attachReferralLetters(input: { ubrn: "000050000001", version: "1", letters: [{ url: $v }] }) { referral { ubrn } } }',
        `mutation { attachReferralLetters(input: { ubrn: "000050000001", version: "1", letters: [{ url: "Binary/../${bad}" }] }) { referral { ubrn } } }`,
      ],
      [
        'CreateReferralInput.pathwayStart',
        'DateTime',
        `mutation($v: DateTime) { createReferral(input: { patientNhsNumber: "${nhsNumber}", priority: ROUTINE, specialty: "CARDIOLOGY", shortlist: ["1"], pathwayStart: $v }) { referral { ubrn } } }`,
        `mutation { createReferral(input: { patientNhsNumber: "${nhsNumber}", priority: ROUTINE, specialty: "CARDIOLOGY", shortlist: ["1"], pathwayStart: "2024-02-30" }) { referral { ubrn } } }`,
      ],
    ])(
      'refuse a bad %s as BAD_USER_INPUT naming %s, without echoing it, with no e-RS call',
      async (_field, scalar, withVariable, withLiteral) => {
        const value = scalar === 'DateTime' ? '2024-02-30' : bad;
        for (const result of [
          await h.query(
            withVariable,
            { v: value },
            { user: USERS.twoOrganisations, headers: { 'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN' } },
          ),
          await h.query(withLiteral, undefined, {
            user: USERS.twoOrganisations,
            headers: { 'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN' },
          }),
        ]) {
          expect(result.status).toBe(400);
          expect(result.errors).toHaveLength(1);
          expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
          expect(result.errors![0].message).toContain(`${scalar} must be`);
          const text = JSON.stringify(result);
          expect(text).not.toContain(nhsNumber);
          expect(text).not.toContain('2024-02-30');
        }
        expect(h.simulator.calls).toHaveLength(0);
      },
    );
  });
});

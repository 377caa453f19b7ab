import { parse as parseContentDisposition } from 'content-disposition';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportPKCS8, generateKeyPair, SignJWT } from 'jose';
import { createTestApplication, registrationOf } from '../simulator/helpers';
import { Harness, startHarness, USERS } from '../helpers/harness';

/**
 * Issue 14: what an integrator running ers-graph against e-RS itself found missing or different
 * from e-RS, over HTTP against the simulator (which follows the spec on each point). One describe
 * per item of the issue.
 */

/** The e-RS calls of the last request as "METHOD path" (A030 role look-ups left out). */
const callsOf = (h: Harness) => h.ersCalls().map((c) => `${c.method} ${c.path}`);

describe('item 1: related referrals and the converted-from A&G request resolve, read from supportingInfo', () => {
  let h: Harness;
  beforeAll(async () => {
    // No reads shared across requests: each request's own calls are counted.
    h = await startHarness({ sharedReads: false });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const PATHWAY = `query($ubrn: UBRN!) { referral(ubrn: $ubrn) {
    ubrn relatedReferralUbrns supportingInfoReferences
    relatedReferrals { ubrn patientNhsNumber attachments { title } }
  } }`;

  it('an onward referral links the earlier one: one A005 for it, one per related referral, as priced', async () => {
    const onward = h.simulator.world.referrals.find((r) => r.relatedReferralUbrn)!;
    const response = await fetch(h.graphqlUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await h.idToken(USERS.referrer)}` },
      body: JSON.stringify({ query: PATHWAY, variables: { ubrn: onward.ubrn }, extensions: { cost: true } }),
    });
    const result = (await response.json()) as { data: any; errors?: unknown; extensions: { cost: { estimatedCalls: number } } };
    expect(result.errors).toBeUndefined();
    const referral = result.data.referral;
    expect(referral.supportingInfoReferences).toContain(`ReferralRequest/${onward.relatedReferralUbrn}`);
    expect(referral.relatedReferralUbrns).toContain(onward.relatedReferralUbrn);
    const earlier = referral.relatedReferrals.find((r: { ubrn: string }) => r.ubrn === onward.relatedReferralUbrn);
    // The pathway view: the earlier referral, its letters, for the same patient.
    expect(earlier).toBeDefined();
    expect(earlier.patientNhsNumber).toBe(onward.patientNhsNumber);
    const expected = h.simulator.world.referrals.find((r) => r.ubrn === onward.relatedReferralUbrn)!;
    expect(earlier.attachments).toHaveLength(expected.attachmentIds.length);

    const reads = callsOf(h).filter((c) => /^GET \/STU3\/ReferralRequest\/\d{12}$/.test(c));
    expect(reads).toHaveLength(1 + referral.relatedReferralUbrns.length);
    expect(callsOf(h)).toHaveLength(reads.length);
    // The price (1 + 10 assumed related referrals) bounds what was made.
    expect(result.extensions.cost.estimatedCalls).toBeGreaterThanOrEqual(reads.length);
  });

  it('a converted referral links its A&G request: one A005 and one A024', async () => {
    const converted = h.simulator.world.referrals.find((r) => r.convertedFromAdviceAndGuidanceUbrn)!;
    expect(converted).toBeDefined();
    const result = await h.query(
      `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { convertedFromAdviceAndGuidanceUbrn convertedFromAdviceAndGuidance { ubrn conversationStatus } } }`,
      { ubrn: converted.ubrn },
      { user: USERS.providerClinician },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.referral).toEqual({
      convertedFromAdviceAndGuidanceUbrn: converted.convertedFromAdviceAndGuidanceUbrn,
      convertedFromAdviceAndGuidance: { ubrn: converted.convertedFromAdviceAndGuidanceUbrn, conversationStatus: 'ADVICE_CONVERTED' },
    });
    expect(callsOf(h)).toEqual([
      `GET /STU3/ReferralRequest/${converted.ubrn}`,
      `GET /STU3/CommunicationRequest/${converted.convertedFromAdviceAndGuidanceUbrn}`,
    ]);
  });

  it('a referral with no links reads nothing more', async () => {
    const world = h.simulator.world;
    const plain = world.referrals.find(
      (r) =>
        !r.relatedReferralUbrn && !r.convertedFromAdviceAndGuidanceUbrn && world.referrals.every((o) => o.relatedReferralUbrn !== r.ubrn),
    )!;
    const result = await h.query(
      `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { relatedReferrals { ubrn } convertedFromAdviceAndGuidance { ubrn } } }`,
      { ubrn: plain.ubrn },
    );
    expect(result.data!.referral).toEqual({ relatedReferrals: [], convertedFromAdviceAndGuidance: null });
    expect(callsOf(h)).toEqual([`GET /STU3/ReferralRequest/${plain.ubrn}`]);
  });
});

describe('item 2: an accented file name comes through A042 byte for byte', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers filename (ASCII fallback) and filename* (UTF-8) from the object store’s Content-Disposition', async () => {
    const { world } = h.simulator;
    const accented = world.attachments.find(
      (a) =>
        /[^\x20-\x7e]/.test(a.title) &&
        a.availability === 'AVAILABLE' &&
        a.owner.kind === 'ReferralRequest' &&
        world.referrals.find((r) => r.ubrn === a.owner.ubrn)?.providerOdsCode === world.provider.odsCode,
    )!;
    expect(accented).toBeDefined();
    expect(accented.title).toMatch(/^lettre-médecin-\d+\.\w+$/);

    const response = await fetch(h.graphqlUrl.replace('/graphql', `/attachments/${accented.binaryId}`), {
      headers: { Authorization: `Bearer ${await h.idToken(USERS.providerClinician)}` },
    });
    expect(response.status).toBe(200);
    const disposition = response.headers.get('content-disposition')!;
    // e-RS's own fallback (the simulator's: "_" for each other character) and the name in RFC 8187 form.
    const fallback = accented.title.replace(/[^\x20-\x7e]/g, '_');
    expect(disposition).toBe(`attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(accented.title)}`);
    const parsed = parseContentDisposition(disposition).parameters.filename;
    expect(Buffer.from(parsed, 'utf8').equals(Buffer.from(accented.title, 'utf8'))).toBe(true);
    expect(Buffer.from(await response.arrayBuffer()).equals(accented.bytes)).toBe(true);
  });
});

describe('item 3: refusals come back as e-RS answers them, checked before any e-RS call where the spec says how', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sharedReads: false });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const REFERRAL = `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { ubrn } }`;
  const anyReferral = () => h.simulator.world.referrals[0];

  it('on-behalf-of with a role that may not act for anyone: FORBIDDEN with the reason, no e-RS call', async () => {
    const result = await h.query(
      REFERRAL,
      { ubrn: anyReferral().ubrn },
      {
        user: USERS.referrer,
        headers: {
          'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN',
          'NHSD-End-User-Organisation-ODS': h.simulator.world.referrer.odsCode,
          'NHSD-eRS-On-Behalf-Of-User-ID': '555020000002',
        },
      },
    );
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ON_BEHALF_OF_NOT_ALLOWED' });
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('on-behalf-of a user who is no clinician of the trust: e-RS’s own 403 comes back as FORBIDDEN', async () => {
    const result = await h.query(
      REFERRAL,
      { ubrn: anyReferral().ubrn },
      {
        user: USERS.providerAdmin,
        headers: {
          'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
          'NHSD-End-User-Organisation-ODS': h.simulator.world.provider.odsCode,
          // A referring clinician: not someone a provider's admin acts for.
          'NHSD-eRS-On-Behalf-Of-User-ID': USERS.referrer,
        },
      },
    );
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403, endpoint: 'A005' });
  });

  const CANCEL_REFERRAL = `mutation($input: CancelReferralInput!) { cancelReferral(input: $input) { referral { ubrn } } }`;

  it('a provider cancelling with a reason only a referrer may give: e-RS’s 422 INAPPROPRIATE_VALUE, with no e-RS call', async () => {
    const referral = anyReferral();
    const result = await h.query(
      CANCEL_REFERRAL,
      { input: { ubrn: referral.ubrn, version: String(referral.versionId), reason: 'RAISED_IN_ERROR' } },
      { user: USERS.providerClinician },
    );
    expect(result.data).toEqual({ cancelReferral: null });
    const extensions = result.errors![0].extensions!;
    expect(extensions).toMatchObject({
      code: 'UNPROCESSABLE',
      reason: 'REASON_NOT_ALLOWED',
      ersCode: 'INAPPROPRIATE_VALUE',
      httpStatus: 422,
      endpoint: 'A036',
    });
    expect(extensions.allowedReasons).toContain('BOOKED_OUTSIDE_CAB');
    expect(extensions.allowedReasons).not.toContain('RAISED_IN_ERROR');
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('a referrer cancelling with a provider’s reason, and a reason whose comment is mandatory without one: refused alike', async () => {
    const referral = anyReferral();
    const target = { ubrn: referral.ubrn, version: String(referral.versionId) };
    const provider = await h.query(CANCEL_REFERRAL, { input: { ...target, reason: 'TRIAGE_ENDED' } }, { user: USERS.referrer });
    expect(provider.errors![0].extensions).toMatchObject({ reason: 'REASON_NOT_ALLOWED', ersCode: 'INAPPROPRIATE_VALUE' });
    const noComment = await h.query(
      CANCEL_REFERRAL,
      { input: { ...target, reason: 'PATIENT_REQUEST_CANCELLATION_OTHER', comment: '  ' } },
      { user: USERS.referrer },
    );
    expect(noComment.errors![0].extensions).toMatchObject({
      code: 'UNPROCESSABLE',
      reason: 'COMMENT_REQUIRED',
      ersCode: 'MISSING_VALUE',
      httpStatus: 422,
      endpoint: 'A036',
    });
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('an appointment cancelled (A034) for a reason whose comment is mandatory, without one: e-RS’s MISSING_VALUE, no A005, A038 or A034', async () => {
    const booked = h.simulator.world.referrals.find((r) => r.state === 'BOOKED')!;
    const result = await h.query(
      `mutation($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { referral { ubrn } } }`,
      { input: { ubrn: booked.ubrn, version: String(booked.versionId), reason: 'PATIENT_OTHER_ENGAGEMENT' } },
      { user: USERS.referrer },
    );
    expect(result.errors![0].extensions).toMatchObject({
      code: 'UNPROCESSABLE',
      reason: 'COMMENT_REQUIRED',
      ersCode: 'MISSING_VALUE',
      httpStatus: 422,
      endpoint: 'A034',
    });
    expect(h.ersCalls()).toHaveLength(0);
  });
});

describe('item 7: application-restricted writes (A013, A028, A036) only when the deployment opts in', () => {
  let callerIssuer: Server;
  let signCaller: () => Promise<string>;
  let issuerUrl: string;
  const audience = 'ers-graph';

  beforeAll(async () => {
    // The trust's own identity provider for its internal callers: a JWKS served over HTTP.
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'trust-1', alg: 'RS256', use: 'sig' };
    callerIssuer = createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => callerIssuer.listen(0, '127.0.0.1', resolve));
    issuerUrl = `http://127.0.0.1:${(callerIssuer.address() as AddressInfo).port}`;
    signCaller = () => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuerUrl, aud: audience, sub: 'review-sync-job', iat: now, exp: now + 600 })
        .setProtectedHeader({ alg: 'RS256', kid: 'trust-1' })
        .sign(privateKey);
    };
  });
  afterAll(() => new Promise((resolve) => callerIssuer.close(resolve)));

  /** ers-graph in AUTH_MODE=application, its APIM application registered for `odsCode` (default: the trust). */
  async function applicationHarness(applicationWrites: boolean, odsCode?: string): Promise<Harness> {
    return startHarness({
      sharedReads: false,
      auth: async (simulator) => {
        const app = await createTestApplication(odsCode ? { odsCode } : {});
        simulator.identity.registerApplication(registrationOf(app));
        return {
          mode: 'application',
          apim: {
            tokenUrl: simulator.identity.tokenUrl,
            apiKey: app.apiKey,
            kid: app.kid,
            privateKeyPem: await exportPKCS8(app.privateKey),
          },
          callers: { issuer: issuerUrl, audience, jwksUrl: `${issuerUrl}/jwks` },
          applicationWrites,
        };
      },
    });
  }

  const asApplication = async (h: Harness, query: string, variables: Record<string, unknown>) => {
    h.simulator.resetCalls();
    return h.query(query, variables, { user: null, headers: { Authorization: `Bearer ${await signCaller()}` } });
  };

  const ACCEPT = `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referral { ubrn version } } }`;
  const TRIAGE = `mutation($input: RecordTriageOutcomeInput!) { recordTriageOutcome(input: $input) { referral { ubrn state { state } } } }`;
  const CANCEL = `mutation($input: CancelReferralInput!) { cancelReferral(input: $input) { referral { ubrn status } } }`;
  const REJECT = `mutation($input: RejectReferralInput!) { rejectReferral(input: $input) { referral { ubrn } } }`;
  const ACTION_LATER = `mutation($input: CancelAppointmentActionLaterInput!) { cancelAppointmentActionLater(input: $input) { referral { ubrn } } }`;

  const forReview = (h: Harness) =>
    h.simulator.world.referrals.filter(
      (r) => r.state === 'BOOKED' && !r.acceptedAt && r.providerOdsCode === h.simulator.world.provider.odsCode,
    );
  const target = (r: { ubrn: string; versionId: number }) => ({ ubrn: r.ubrn, version: String(r.versionId) });

  describe('off (the default)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await applicationHarness(false);
    });
    afterAll(() => h.close());

    it.each([
      ['acceptReferral (A013)', ACCEPT, 'acceptReferral'],
      ['cancelReferral (A036)', CANCEL, 'cancelReferral'],
    ])('refuses %s with USER_REQUIRED and no e-RS call', async (_name, document, field) => {
      const referral = forReview(h)[0];
      const input = field === 'cancelReferral' ? { ...target(referral), reason: 'BOOKED_OUTSIDE_CAB' } : target(referral);
      const result = await asApplication(h, document, { input });
      expect(result.data).toEqual({ [field]: null });
      expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'USER_REQUIRED' });
      expect(h.simulator.calls).toHaveLength(0);
    });
  });

  describe('on (ERS_APPLICATION_WRITES=true)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await applicationHarness(true);
    });
    afterAll(() => h.close());

    it('accepts a referral under review with its own token, no role headers, one call', async () => {
      const referral = forReview(h)[0];
      const before = referral.versionId;
      const result = await asApplication(h, ACCEPT, { input: target(referral) });
      expect(result.errors).toBeUndefined();
      expect(result.data!.acceptReferral.referral.version).toBe(String(before + 1));
      expect(h.simulator.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
        `POST /STU3/ReferralRequest/${referral.ubrn}/$ers.acceptReferral`,
      ]);
      const [call] = h.simulator.calls;
      expect(call.headers['nhsd-ers-business-function']).toBeUndefined();
      expect(call.headers['nhsd-end-user-organisation-ods']).toBeUndefined();
    });

    it('records a triage outcome (A028)', async () => {
      const referral = h.simulator.world.referrals.find(
        (r) => r.state === 'AWAITING_TRIAGE' && r.providerOdsCode === h.simulator.world.provider.odsCode,
      )!;
      const result = await asApplication(h, TRIAGE, {
        input: { ...target(referral), outcome: 'ACCEPT_REFER_BOOK_LATER', comment: 'Admin team to book a clinic.' },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.recordTriageOutcome.referral.state.state).toBe('TRIAGED_PROVIDER_TO_ACTION');
    });

    it('cancels a referral (A036) for a reason a provider’s application may give, and refuses a referrer’s reason with no call', async () => {
      const referral = forReview(h)[0];
      const refused = await asApplication(h, CANCEL, { input: { ...target(referral), reason: 'RAISED_IN_ERROR' } });
      expect(refused.errors![0].extensions).toMatchObject({ code: 'UNPROCESSABLE', reason: 'REASON_NOT_ALLOWED', endpoint: 'A036' });
      expect(h.simulator.calls).toHaveLength(0);

      const result = await asApplication(h, CANCEL, { input: { ...target(referral), reason: 'BOOKED_OUTSIDE_CAB' } });
      expect(result.errors).toBeUndefined();
      expect(result.data!.cancelReferral.referral).toEqual({ ubrn: referral.ubrn, status: 'CANCELLED' });
    });

    it.each([
      ['rejectReferral (A014)', REJECT, 'rejectReferral', { reason: 'OTHER', comment: 'Wrong clinic.' }],
      ['cancelAppointmentActionLater (A022)', ACTION_LATER, 'cancelAppointmentActionLater', { comment: 'Rebook.' }],
    ])('still refuses %s with USER_REQUIRED and no e-RS call', async (_name, document, field, extra) => {
      const referral = forReview(h)[0];
      const result = await asApplication(h, document, { input: { ...target(referral), ...extra } });
      expect(result.data).toEqual({ [field]: null });
      expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'USER_REQUIRED' });
      expect(h.simulator.calls).toHaveLength(0);
    });
  });

  it('works in the provider organisation the application is registered for: another organisation’s referral is refused by e-RS', async () => {
    // An organisation of the directory with no referral here (what another trust's application would be).
    const h = await applicationHarness(true, 'RXX01');
    try {
      const referral = forReview(h)[0];
      const result = await asApplication(h, ACCEPT, { input: target(referral) });
      expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', ersCode: 'NO_RELATIONSHIP', endpoint: 'A013' });
    } finally {
      await h.close();
    }
  });
});

describe('item 4: admin roles get coded fields without errors (reference data is not patient data)', () => {
  const WORKLIST = `{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 20) { edges { node { ubrn
    ... on ReferralForReviewWorklistItem { specialty { code display } } } } } }`;
  const codesOf = (data: any): Array<{ code: string; display: string | null }> =>
    data.referralWorklist.edges.map((e: any) => e.node.specialty).filter((s: unknown) => s !== null);
  const specialtyDisplay = (h: Harness, code: string) => h.simulator.world.referenceData.specialties.find((s) => s.code === code)?.display;

  it('a SERVICE_PROVIDER_ADMIN worklist: displays read with the deployment’s application token, one A004, no role headers, no errors', async () => {
    const h = await startHarness({ sharedReads: false });
    try {
      h.simulator.resetCalls();
      const result = await h.query(WORKLIST, undefined, { user: USERS.providerAdminOnly });
      expect(result.errors).toBeUndefined();
      const codes = codesOf(result.data);
      expect(codes.length).toBeGreaterThan(0);
      for (const { code, display } of codes) expect(display).toBe(specialtyDisplay(h, code));
      const a004 = h.ersCalls().filter((c) => c.path.startsWith('/STU3/CodeSystem/'));
      expect(a004.map((c) => c.path)).toEqual(['/STU3/CodeSystem/SPECIALTY']);
      expect(a004[0].headers['nhsd-ers-business-function']).toBeUndefined();
      expect(a004[0].headers['nhsd-end-user-organisation-ods']).toBeUndefined();
      // The worklist itself went with the admin's own role.
      const a008 = h.ersCalls().find((c) => c.path.includes('fetchworklist'))!;
      expect(a008.headers['nhsd-ers-business-function']).toBe('SERVICE_PROVIDER_ADMIN');
    } finally {
      await h.close();
    }
  });

  it('with no application token: the code and a null display, no error and no A004; then the displays another caller read', async () => {
    const h = await startHarness({ withoutApplicationToken: true });
    try {
      h.simulator.resetCalls();
      const first = await h.query(WORKLIST, undefined, { user: USERS.providerAdminOnly });
      expect(first.errors).toBeUndefined();
      const codes = codesOf(first.data);
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.every((c) => c.display === null && /^[A-Z0-9_]+$/.test(c.code))).toBe(true);
      expect(h.ersCalls().filter((c) => c.path.startsWith('/STU3/CodeSystem/'))).toHaveLength(0);

      // A provider clinician (who may call A004) reads the same worklist: the shared reference data is filled.
      const clinician = await h.query(WORKLIST, undefined, { user: USERS.providerClinician });
      expect(clinician.errors).toBeUndefined();
      h.simulator.resetCalls();
      const again = await h.query(WORKLIST, undefined, { user: USERS.providerAdminOnly });
      expect(again.errors).toBeUndefined();
      for (const { code, display } of codesOf(again.data)) expect(display).toBe(specialtyDisplay(h, code));
      expect(h.ersCalls().filter((c) => c.path.startsWith('/STU3/CodeSystem/'))).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe('item 5: the time a document was made (indexedAt) goes with its file', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sharedReads: false });
  });
  afterAll(() => h.close());

  const ATTACH = `mutation($input: AttachReferralLettersInput!) { attachReferralLetters(input: $input) { referral { version attachments { title } } } }`;

  it('attaches a letter written earlier, and refuses a time in the future before any e-RS call', async () => {
    const referral = h.simulator.world.referrals.find(
      (r) => r.state === 'NOT_BOOKED' && r.status === 'active' && r.referrerOdsCode === h.simulator.world.referrer.odsCode,
    )!;
    const form = new FormData();
    form.append('referralId', referral.ubrn);
    form.append('file', new Blob(['Dear colleague, written last week.']), 'letter-last-week.txt');
    const upload = await fetch(h.graphqlUrl.replace('/graphql', '/attachments'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}` },
      body: form,
    });
    expect(upload.status).toBe(201);
    const { attachment } = (await upload.json()) as { attachment: { url: string } };
    const target = { ubrn: referral.ubrn, version: String(referral.versionId) };

    h.simulator.resetCalls();
    const future = new Date(Date.now() + 24 * 3600_000).toISOString();
    const refused = await h.query(ATTACH, { input: { ...target, letters: [{ url: attachment.url, indexedAt: future }] } });
    expect(refused.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toMatch(/letters\[\]\.indexedAt/);
    expect(h.ersCalls()).toHaveLength(0);

    const lastWeek = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();
    const attached = await h.query(ATTACH, { input: { ...target, letters: [{ url: attachment.url, indexedAt: lastWeek }] } });
    expect(attached.errors).toBeUndefined();
    expect(attached.data!.attachReferralLetters.referral.attachments).toContainEqual({ title: 'letter-last-week.txt' });
  });
});

describe('item 6: payloads from what e-RS answered; a re-read only where the endpoint answers without the resource', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sharedReads: false });
  });
  afterAll(() => h.close());

  async function calls(query: string, variables: Record<string, unknown>, user: string) {
    h.simulator.resetCalls();
    const result = await h.query(query, variables, { user });
    expect(result.errors).toBeUndefined();
    return { data: result.data!, calls: callsOf(h) };
  }

  it('A028 recordTriageOutcome answers with the referral: 1 call', async () => {
    const referral = h.simulator.world.referrals.find(
      (r) => r.state === 'AWAITING_TRIAGE' && r.providerOdsCode === h.simulator.world.provider.odsCode,
    )!;
    const { data, calls: made } = await calls(
      `mutation($input: RecordTriageOutcomeInput!) { recordTriageOutcome(input: $input) { referral { ubrn version state { state } } } }`,
      { input: { ubrn: referral.ubrn, version: String(referral.versionId), outcome: 'ACCEPT_REFER_BOOK_LATER', comment: 'Book later.' } },
      USERS.providerClinician,
    );
    expect(made).toEqual([`POST /STU3/ReferralRequest/${referral.ubrn}/$ers.recordReviewOutcome`]);
    expect(data.recordTriageOutcome.referral).toMatchObject({
      version: String(referral.versionId),
      state: { state: 'TRIAGED_PROVIDER_TO_ACTION' },
    });
  });

  it('A034 cancelAppointment answers with the appointment only: the referral is re-read, nothing else', async () => {
    const world = h.simulator.world;
    const booked = world.referrals.find(
      (r) =>
        r.state === 'BOOKED' &&
        r.referrerOdsCode === world.referrer.odsCode &&
        world.services.find((s) => s.id === r.appointment?.serviceId)?.bookableType === 'DIRECTLY_BOOKABLE',
    )!;
    const { data, calls: made } = await calls(
      `mutation($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { appointment { status } referral { ubrn state { state } } } }`,
      { input: { ubrn: booked.ubrn, version: String(booked.versionId), reason: 'PATIENT_ILL' } },
      USERS.referrer,
    );
    // A005 (the version the user saw, and the appointment's id), A038 (its version), A034, A005 (the referral after it).
    expect(made).toEqual([
      `GET /STU3/ReferralRequest/${booked.ubrn}`,
      `GET /STU3/Appointment/${booked.appointment!.id}`,
      `PUT /STU3/Appointment/${booked.appointment!.id}`,
      `GET /STU3/ReferralRequest/${booked.ubrn}`,
    ]);
    expect(data.cancelAppointment).toEqual({
      appointment: { status: 'CANCELLED' },
      referral: { ubrn: booked.ubrn, state: { state: 'APPT_CANCELLED_BY_PATIENT' } },
    });
  });
});

import { Harness, startHarness, USERS } from '../helpers/harness';

const CREATE = `mutation($input: CreateAdviceAndGuidanceInput!) { createAdviceAndGuidance(input: $input) { adviceAndGuidance { ubrn version conversationStatus } } }`;
const RESPOND = `mutation($input: RespondToAdviceAndGuidanceInput!) { respondToAdviceAndGuidance(input: $input) {
  adviceAndGuidance { ubrn version conversationStatus conversation { text attachments { title } } } } }`;
const CONVERT = `mutation($input: ConvertAdviceAndGuidanceInput!) { convertAdviceAndGuidanceToReferral(input: $input) {
  referral { ubrn state { state } convertedFromAdviceAndGuidance { ubrn } } adviceAndGuidance { conversationStatus } } }`;

describe('advice and guidance mutations over the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const adviceService = () => h.simulator.world.services.find((s) => s.requestFlows.includes('ADVICE_AND_GUIDANCE'))!;

  async function ask(): Promise<{ ubrn: string; version: string }> {
    const service = adviceService();
    const result = await h.query(CREATE, {
      input: {
        patientNhsNumber: h.simulator.world.patients[5].nhsNumber,
        serviceId: service.id,
        priority: 'ROUTINE',
        specialty: service.specialty,
        request: 'Persistent palpitations despite beta blockers: is a referral needed?',
      },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.createAdviceAndGuidance.adviceAndGuidance;
  }

  /** Uploads a small text file as the provider, the way a browser would (POST /attachments). */
  async function uploadAsProvider(ubrn: string): Promise<string> {
    const form = new FormData();
    form.append('referralId', ubrn);
    form.append('file', new Blob(['ECG reading guidance']), 'guidance.txt');
    const response = await fetch(h.graphqlUrl.replace('/graphql', '/attachments'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.providerClinician)}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { attachment: { url: string } }).attachment.url;
  }

  it('journey: referrer asks -> provider responds with an attachment -> converts to a referral -> the referral links back', async () => {
    const request = await ask();
    const url = await uploadAsProvider(request.ubrn);
    const responded = await h.query(
      RESPOND,
      {
        input: {
          ubrn: request.ubrn,
          version: request.version,
          outcome: 'REQUIRE_FURTHER_INFORMATION',
          guidance: 'Please send a recent ECG; see the attached note.',
          priority: 'ROUTINE',
          attachments: [{ url, description: 'ECG guidance' }],
        },
      },
      { user: USERS.providerClinician },
    );
    expect(responded.errors).toBeUndefined();
    const advice = responded.data!.respondToAdviceAndGuidance.adviceAndGuidance;
    expect(Number(advice.version)).toBeGreaterThan(Number(request.version));
    const last = advice.conversation[advice.conversation.length - 1];
    expect(last.text).toContain('recent ECG');
    expect(last.attachments.length).toBe(1);

    const fresh = await h.query(`{ adviceAndGuidance(ubrn: "${request.ubrn}") { version } }`, undefined, { user: USERS.providerClinician });
    const converted = await h.query(
      CONVERT,
      {
        input: {
          ubrn: request.ubrn,
          version: fresh.data!.adviceAndGuidance.version,
          guidance: 'Refer to cardiology clinic.',
          priority: 'URGENT',
          reviewComment: 'Book into next available clinic.',
        },
      },
      { user: USERS.providerClinician },
    );
    expect(converted.errors).toBeUndefined();
    const referral = converted.data!.convertAdviceAndGuidanceToReferral.referral;
    expect(referral.convertedFromAdviceAndGuidance.ubrn).toBe(request.ubrn);

    const seen = await h.query(`{ referral(ubrn: "${referral.ubrn}") { ubrn convertedFromAdviceAndGuidance { ubrn } } }`);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.referral.convertedFromAdviceAndGuidance.ubrn).toBe(request.ubrn);
  });

  it('refuses a stale version with CONFLICT and the current version', async () => {
    const request = await ask();
    const first = await h.query(
      RESPOND,
      {
        input: {
          ubrn: request.ubrn,
          version: request.version,
          outcome: 'REQUIRE_FURTHER_INFORMATION',
          guidance: 'More please.',
          priority: 'ROUTINE',
        },
      },
      { user: USERS.providerClinician },
    );
    expect(first.errors).toBeUndefined();
    const stale = await h.query(
      RESPOND,
      {
        input: {
          ubrn: request.ubrn,
          version: request.version,
          outcome: 'REQUIRE_FURTHER_INFORMATION',
          guidance: 'Again.',
          priority: 'ROUTINE',
        },
      },
      { user: USERS.providerClinician },
    );
    expect(stale.errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: first.data!.respondToAdviceAndGuidance.adviceAndGuidance.version,
    });
  });

  it('refuses invalid input and wrong roles before any e-RS call', async () => {
    const missingRecommendation = await h.query(
      RESPOND,
      { input: { ubrn: '000050000001', version: '1', outcome: 'RETURN_TO_REFERRER_WITH_ADVICE', guidance: 'x', priority: 'ROUTINE' } },
      { user: USERS.providerClinician },
    );
    expect(missingRecommendation.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const asReferrer = await h.query(RESPOND, {
      input: { ubrn: '000050000001', version: '1', outcome: 'REQUIRE_FURTHER_INFORMATION', guidance: 'x', priority: 'ROUTINE' },
    });
    expect(asReferrer.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A026' });
    expect(h.ersCalls()).toHaveLength(0);
  });
});

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
      ['NHSD-End-User-Organisation-ODS', { 'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN', 'NHSD-End-User-Organisation-ODS': nhsNumber }],
      ['NHSD-eRS-On-Behalf-Of-User-ID', { 'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'NHSD-End-User-Organisation-ODS': 'RZZ', 'NHSD-eRS-On-Behalf-Of-User-ID': nhsNumber }],
      ['NHSD-eRS-On-Behalf-Of-User-ID with another role', { 'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN', 'NHSD-eRS-On-Behalf-Of-User-ID': nhsNumber }],
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
});

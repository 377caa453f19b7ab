/**
 * The simulator against the e-RS specification itself, not against the gateway: every simulator
 * response checked here validates against the spec's JSON schema for that endpoint and status,
 * and every request example of the spec is accepted by the simulator. Runs when ERS_SPEC_DIR
 * names a copy of the spec (a skip otherwise; an error in CI, see test/helpers/spec.ts).
 */
import { ENDPOINT_ACCESS, findService, startSimulator, type EndpointId, type RunningSimulator } from '../../simulator';
import { describeWithSpec, SPEC_DIR } from '../helpers/spec';
import { BUSINESS_FUNCTIONS, CODE_SYSTEM_TYPES } from '../../simulator/data/codes';
import type { BusinessFunction } from '../../simulator/data/codes';
import { asUser } from './helpers/caller';
import { bearer, registerTestApplication, userAccessToken } from './helpers/identity';
import { call, type Json } from './helpers/fhir';
import { BASE_URL, loadContract, schemaErrors, withPlaceholder, type Operation, type RequestExample } from './helpers/spec-contract';
import { unusedReferrals, uploadFile } from './helpers/write';
import type { AdviceAndGuidanceRequest, HealthcareService, Referral, ReferralState } from '../../simulator/data/world';
import { SNOMED_SPECIALTIES } from '../../simulator/data/service-search';

/**
 * A copy of `value` with the spec's ids replaced by the seed world's: a key written in quotes
 * ('"11002"') replaces a whole string value, any other key a part of any string.
 */
function replaceIds(value: unknown, ids: Record<string, string>): any {
  const unquote = (text: string) => text.slice(1, -1);
  const whole = new Map(
    Object.entries(ids)
      .filter(([from]) => from.startsWith('"'))
      .map(([from, to]) => [unquote(from), to.startsWith('"') ? unquote(to) : to]),
  );
  const parts = Object.entries(ids)
    .filter(([from]) => !from.startsWith('"'))
    .sort(([a], [b]) => b.length - a.length);
  return JSON.parse(JSON.stringify(value), (_key, item) => {
    if (typeof item !== 'string') return item;
    if (whole.has(item)) return whole.get(item);
    return parts.reduce((text, [from, to]) => text.split(from).join(to), item);
  });
}

const operations: Operation[] = SPEC_DIR ? loadContract(SPEC_DIR) : [];
const operation = (operationId: string): Operation => {
  const found = operations.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`the spec has no operation ${operationId}`);
  return found;
};

let baseUrl = '';
/** The validation result of a body against the operation's schema for `status`, as a comparable value. */
function conformance(operationId: string, status: number, body: unknown): { status: number; errors: string[] } {
  const validate = operation(operationId).responses.get(status);
  if (!validate) return { status, errors: [`the spec has no ${status} schema for ${operationId}`] };
  return { status, errors: validate(withPlaceholder(body, baseUrl)) ? [] : schemaErrors(validate.errors) };
}

describeWithSpec('the simulator against the e-RS specification', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1 });
    http = call(sim.baseUrl);
    baseUrl = sim.baseUrl;
  });
  afterAll(async () => {
    await sim.close();
  });

  it('finds the operations of the spec', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
    expect(operations.filter((o) => o.responses.size > 0).length).toBeGreaterThanOrEqual(30);
  });

  it("the simulator's access table says what each endpoint page says", () => {
    const pages = new Map<string, { applicationRestricted: boolean; roles: Set<string> }>();
    for (const o of operations) {
      // A008's page has two sections (referring and provider worklists), each with its own patterns.
      const security = [...o.description.matchAll(/Supported security patterns([\s\S]*?)##/g)].map((m) => m[1]).join('\n');
      // Roles as the "Pre-requisites" sections list them (elsewhere a page may name a role in passing).
      const prerequisites = [
        ...o.description.matchAll(/Pre-requisites([\s\S]*?)(?=\n#+ (?:Use case|Related|Important|Sandbox|Known|Overview)|$)/g),
      ]
        .map((m) => m[1])
        .join('\n');
      const roles = [...prerequisites.matchAll(/`([A-Z_]+)`/g)]
        .map((m) => m[1])
        .filter((name) => (BUSINESS_FUNCTIONS as readonly string[]).includes(name));
      const page = pages.get(o.endpoint) ?? { applicationRestricted: false, roles: new Set<string>() };
      page.applicationRestricted ||= /Application-restricted/i.test(security);
      roles.forEach((role) => page.roles.add(role));
      pages.set(o.endpoint, page);
    }
    expect([...pages.keys()].sort()).toEqual(Object.keys(ENDPOINT_ACCESS).sort());
    for (const [endpoint, page] of pages) {
      const access = ENDPOINT_ACCESS[endpoint as EndpointId];
      expect({
        endpoint,
        applicationRestricted: access.applicationRestricted,
        roles: [...(access.businessFunctions ?? [])].sort(),
      }).toEqual({
        endpoint,
        applicationRestricted: page.applicationRestricted,
        roles: [...page.roles].sort(),
      });
    }
  });

  describe('responses validate against the spec schemas', () => {
    it('A005: every referral of the seed world', async () => {
      const headers = await asUser(sim, 'REFERRING_CLINICIAN');
      for (const referral of sim.world.referrals) {
        const response = await http.get(`/STU3/ReferralRequest/${referral.ubrn}`, headers);
        expect({ ubrn: referral.ubrn, ...conformance('a005-retrieve-referral-request', response.status, response.data) }).toEqual({
          ubrn: referral.ubrn,
          status: 200,
          errors: [],
        });
      }
      expect(sim.world.referrals.length).toBeGreaterThan(20);
    });

    // Every read endpoint with a JSON answer, over the seed world's own ids (the spec's example ids do not exist in it).
    type Read = [string, string, BusinessFunction, () => string[], (() => Record<string, string>)?];
    const firstOf = <T>(items: T[], n = 5): T[] => items.slice(0, n);
    it.each<Read>([
      ['A004', 'a004-retrieve-reference-data', 'REFERRING_CLINICIAN', () => CODE_SYSTEM_TYPES.map((type) => `/STU3/CodeSystem/${type}`)],
      [
        'A005 versioned',
        'a005-retrieve-referral-request-versioned',
        'REFERRING_CLINICIAN',
        () => firstOf(sim.world.referrals, 20).map((r) => `/STU3/ReferralRequest/${r.ubrn}/_history/${r.versionId}`),
      ],
      [
        'A024',
        'a024-retrieve-advice-and-guidance',
        'REFERRING_CLINICIAN',
        () => sim.world.adviceAndGuidance.map((a) => `/STU3/CommunicationRequest/${a.ubrn}`),
      ],
      [
        'A024 versioned',
        'a024-retrieve-advice-and-guidance-versioned',
        'SERVICE_PROVIDER_CLINICIAN',
        () => sim.world.adviceAndGuidance.map((a) => `/STU3/CommunicationRequest/${a.ubrn}/_history/${a.versionId}`),
      ],
      [
        'A025',
        'a025-retrieve-advice-and-guidance-conversation',
        'SERVICE_PROVIDER_CLINICIAN',
        () => sim.world.adviceAndGuidance.map((a) => `/STU3/Communication?based-on=CommunicationRequest/${a.ubrn}/_history/${a.versionId}`),
      ],
      [
        'A029',
        'a029-available-actions-for-user-list',
        'SERVICE_PROVIDER_CLINICIAN',
        () =>
          sim.world.referrals.map((r) => `/STU3/Task?focus=ReferralRequest/${r.ubrn}/_history/${r.versionId}&intent=proposal&status=ready`),
      ],
      [
        'A015',
        'a015-retrieve-appointment-slots',
        'REFERRING_CLINICIAN',
        () =>
          firstOf(sim.world.services.filter((s) => sim.world.slotSchedule.slots.some((slot) => slot.serviceId === s.id))).map(
            (s) => `/STU3/Slot?schedule.actor:HealthcareService=${s.id}&appointmentType=ROUTINE&status=free&_count=5&page=1`,
          ),
        () => ({ 'NHSD-eRS-Comm-Rule-Org': sim.world.commissioner.odsCode }),
      ],
      [
        'A033',
        'a033-retrieve-healthcare-service',
        'REFERRING_CLINICIAN',
        () => sim.world.services.map((s) => `/R4/HealthcareService/${s.id}`),
      ],
      [
        'A035',
        'a035-search-for-healthcare-services',
        'REFERRING_CLINICIAN',
        () => [
          `/R4/HealthcareService?_id=${firstOf(sim.world.services, 20)
            .map((s) => s.id)
            .join(',')}`,
        ],
      ],
      [
        'A038',
        'a038-retrieve-appointment',
        'REFERRING_CLINICIAN',
        () => sim.world.referrals.flatMap((r) => (r.appointment ? [`/STU3/Appointment/${r.appointment.id}`] : [])),
      ],
      [
        'A038 versioned',
        'a038-retrieve-appointment-versioned',
        'SERVICE_PROVIDER_CLINICIAN',
        () =>
          sim.world.referrals.flatMap((r) =>
            r.appointment ? [`/STU3/Appointment/${r.appointment.id}/_history/${r.appointment.versionId}`] : [],
          ),
      ],
      ['A040', 'a040-retrieve-practitioner-info', 'SERVICE_PROVIDER_CLINICIAN_ADMIN', () => ['/R4/Practitioner?_query=onBehalfOf']],
      [
        'A041',
        'a041-search-service-request',
        'REFERRING_CLINICIAN',
        () => firstOf(sim.world.referrals, 20).map((r) => `/R4/ServiceRequest?identifier=${r.ubrn}`),
      ],
    ])('%s', async (_label, operationId, role, paths, extraHeaders = () => ({})) => {
      const headers = { ...(await asUser(sim, role)), ...extraHeaders() };
      const all = paths();
      expect(all.length).toBeGreaterThan(0);
      for (const path of all) {
        const response = await http.get(path, headers);
        expect({ path, ...conformance(operationId, response.status, response.data) }).toEqual({ path, status: 200, errors: [] });
      }
    });

    it('A030: the roles of every user', async () => {
      const app = await registerTestApplication(sim);
      for (const practitioner of sim.world.practitioners.filter((p) => p.idAssuranceLevel >= 3 && p.authenticationAssuranceLevel >= 3)) {
        const response = await http.get('/R4/PractitionerRole', bearer(await userAccessToken(sim, app, practitioner.userId)));
        expect({ user: practitioner.userId, ...conformance('a030-retrieve-business-functions', response.status, response.data) }).toEqual({
          user: practitioner.userId,
          status: 200,
          errors: [],
        });
      }
    });

    it('and the schemas do refuse what they should (the check is not vacuous)', async () => {
      const response = await http.get(`/STU3/ReferralRequest/${sim.world.referrals[0].ubrn}`, await asUser(sim, 'REFERRING_CLINICIAN'));
      const { subject: _subject, ...withoutSubject } = response.data as Json;
      expect(conformance('a005-retrieve-referral-request', 200, withoutSubject).errors).toContain(
        "/ must have required property 'subject'",
      );
      expect(conformance('a005-retrieve-referral-request', 200, { ...response.data, status: 'nonsense' }).errors.length).toBeGreaterThan(0);
    });
  });

  /**
   * Every request example of the spec, sent as the spec gives it except for the ids it names: the
   * examples speak of the sandbox's referrals, services, patients, users and files, which do not
   * exist in the seed world, so each is replaced by one of the world's (a fresh referral in the
   * state the action needs, an uploaded file, ...). The answer must be a success that validates
   * against the endpoint's schema.
   */
  describe('request examples are accepted', () => {
    const take = unusedReferrals(() => sim);
    const takenAdvice = new Set<string>();
    const adviceIn = (
      category: string | undefined,
      filter: (a: AdviceAndGuidanceRequest) => boolean = () => true,
    ): AdviceAndGuidanceRequest => {
      const found = sim.world.adviceAndGuidance.find(
        (a) => a.status === 'active' && (category === undefined || a.category === category) && !takenAdvice.has(a.ubrn) && filter(a),
      );
      if (!found) throw new Error(`no unused ${category ?? 'authorised'} advice and guidance request`);
      takenAdvice.add(found.ubrn);
      return found;
    };
    const bookedService = (r: Referral): HealthcareService | undefined => sim.world.services.find((s) => s.id === r.appointment?.serviceId);
    const referrerClinician = () =>
      sim.world.practitioners.find((p) =>
        p.roles.some((r) => r.odsCode === sim.world.referrer.odsCode && r.businessFunctions.includes('REFERRING_CLINICIAN')),
      )!;

    /** A file uploaded by `role`, for examples that attach one (Binary/<uuid> in the spec). */
    let uploads = 0;
    const upload = async (role: BusinessFunction, referralId?: string): Promise<string> => {
      uploads += 1;
      const response = await uploadFile(sim, await asUser(sim, role), {
        name: `letter-${uploads}.pdf`,
        contentType: 'application/pdf',
        bytes: Buffer.from('%PDF-1.4 contract'),
        referralId,
      });
      if (response.status !== 201) throw new Error(`upload failed with ${response.status}`);
      return response.headers.location as string;
    };
    /** Every Binary/<id> of the example replaced by a fresh upload. */
    const withUploads = async (body: Json, role: BusinessFunction, referralId?: string): Promise<Record<string, string>> => {
      const urls = [...new Set(JSON.stringify(body).match(/Binary\/[0-9a-f-]{36}/g) ?? [])];
      const map: Record<string, string> = {};
      for (const url of urls) map[url] = await upload(role, referralId);
      return map;
    };

    interface Prepared {
      path: string;
      role: BusinessFunction;
      /** Spec value -> seed world value, replaced wherever a string holds it. */
      ids: Record<string, string>;
      headers?: Record<string, string>;
      method?: 'POST' | 'PUT';
    }
    type Prepare = (example: RequestExample) => Promise<Prepared>;

    const ifMatch = (version: number): Record<string, string> => ({ 'If-Match': `W/"${version}"` });
    const base = (): Record<string, string> => ({ [BASE_URL]: sim.baseUrl });
    const patient = () => sim.world.patients[0].nhsNumber;
    const servicesWith = (flow: 'BOOKABLE' | 'REVIEW' | 'ADVICE_AND_GUIDANCE', bookable?: 'DIRECTLY_BOOKABLE' | 'INDIRECTLY_BOOKABLE') =>
      sim.world.services.filter((s) => s.requestFlows.includes(flow) && (bookable === undefined || s.bookableType === bookable));
    const hasParameter = (example: RequestExample, name: string): boolean => JSON.stringify(example.body).includes(`"name":"${name}"`);
    /** e-RS lets only a REFERRING_CLINICIAN_ADMIN name the referring clinician; the examples that do are theirs. */
    const referrerRole = (example: RequestExample): BusinessFunction =>
      hasParameter(example, 'referringClinician') ? 'REFERRING_CLINICIAN_ADMIN' : 'REFERRING_CLINICIAN';

    /** Every object in a JSON value, depth first. */
    const objects = (value: unknown): Json[] =>
      Array.isArray(value)
        ? value.flatMap(objects)
        : typeof value === 'object' && value !== null
          ? [value as Json, ...Object.values(value).flatMap(objects)]
          : [];
    /** The spec's service ids (ers-service identifiers), in order of first appearance. */
    const specServiceIds = (example: RequestExample): string[] => [
      ...new Set(
        objects(example.body)
          .filter((o) => o.system === 'http://fhir.nhs.net/Id/ers-service' && typeof o.value === 'string')
          .map((o) => o.value as string),
      ),
    ];
    /** Each spec service id mapped to a distinct world service from its pool ('*' for the rest). */
    const serviceIds = (example: RequestExample, pools: Record<string, HealthcareService[]>): Record<string, string> => {
      const map: Record<string, string> = {};
      const used = new Set<string>();
      for (const id of specServiceIds(example)) {
        const service = (pools[id] ?? pools['*']).find((s) => !used.has(s.id));
        if (!service) throw new Error(`no world service left for spec service ${id}`);
        used.add(service.id);
        map[`"${id}"`] = `"${service.id}"`;
      }
      return map;
    };
    /**
     * The example's clinical codes in the world's terms, taken from `service`: specialty and clinic
     * type (the spec's sandbox codes, e.g. CARDIOLOGY/LIPID_MANAGEMENT, are not all in the simulator's
     * reference data), the SNOMED clinical term, and a pathway start within the year e-RS allows.
     */
    const clinicalCodes = (example: RequestExample, service: HealthcareService): Record<string, string> => {
      const map: Record<string, string> = {};
      const snomed = Object.entries(SNOMED_SPECIALTIES).find(([, specialty]) => specialty === service.specialty)?.[0];
      for (const o of objects(example.body)) {
        const code = o.valueCoding?.code;
        if (o.name === 'specialty' && code) map[`"${code}"`] = `"${service.specialty}"`;
        if (o.name === 'clinicType' && code) map[`"${code}"`] = `"${service.clinicTypes[0]}"`;
        if (o.name === 'clinicalTerm' && code && snomed) map[`"${code}"`] = `"${snomed}"`;
        const start = o.name === 'eReferralPathwayStart' ? (o.valueInstant ?? o.valueDateTime ?? o.valueDate) : undefined;
        if (typeof start === 'string') map[`"${start}"`] = `"${new Date(Date.now() - 30 * 86_400_000).toISOString()}"`;
      }
      return map;
    };
    /** A world service of the specialty with a clinic type, and others of its specialty for the rest of a shortlist. */
    const sameSpecialty = (pool: HealthcareService[], first: HealthcareService): HealthcareService[] => [
      first,
      ...pool.filter((s) => s !== first && s.specialty === first.specialty),
      ...pool.filter((s) => s.specialty !== first.specialty),
    ];
    const withClinic = (pool: HealthcareService[]): HealthcareService => pool.find((s) => s.clinicTypes.length > 0) ?? pool[0];

    /** Ids for a shortlist-carrying body: services from `pools` (the first pool's service sets the clinical codes). */
    const shortlistIds = (example: RequestExample, pools: Record<string, HealthcareService[]>): Record<string, string> => {
      const first = withClinic(pools['*']);
      const ordered = Object.fromEntries(Object.entries(pools).map(([id, pool]) => [id, sameSpecialty(pool, first)]));
      return { ...clinicalCodes(example, first), ...serviceIds(example, ordered) };
    };

    /**
     * RequestTwentyServices shortlists 20 services that all meet its criteria; the seed world has at
     * most 3 bookable services of a clinic type. Directory data, not state: add 20 copies of one
     * bookable service under new ids (e-RS's directory holds thousands), once.
     */
    const twentyOfOneKind = (): Record<string, never> => {
      const model = servicesWith('BOOKABLE').find((s) => s.clinicTypes.length > 0)!;
      if (!sim.world.services.some((s) => s.id === '99000')) {
        for (let i = 0; i < 20; i++)
          sim.world.services.push({ ...structuredClone(model), id: String(99000 + i), name: `${model.name} ${i + 1}` });
      }
      return {};
    };

    /** A provider's worklists are read by provider roles, a referrer's by referrer roles. */
    const PROVIDER_LISTS = ['REFERRALS_FOR_REVIEW', 'APPOINTMENT_SLOT_ISSUES'];
    const referralUpdate =
      (operation: string, role: BusinessFunction, pick: (example: RequestExample) => Referral) =>
      async (example: RequestExample): Promise<Prepared> => {
        const referral = pick(example);
        return {
          path: `/STU3/ReferralRequest/${referral.ubrn}/$ers.${operation}`,
          role,
          headers: ifMatch(referral.versionId),
          ids: { ...base(), ...(await withUploads(example.body, role, referral.ubrn)) },
        };
      };

    const PREPARE: Record<string, Prepare> = {
      'a008-retrieve-worklist': async (example) => {
        const provider = PROVIDER_LISTS.some((code) => JSON.stringify(example.body).includes(`"${code}"`));
        const service = sim.world.services.find((s) => s.providerOdsCode === sim.world.provider.odsCode && s.clinicianUserIds.length > 0)!;
        return {
          path: '/STU3/ReferralRequest/$ers.fetchworklist',
          role: provider ? 'SERVICE_PROVIDER_CLINICIAN' : 'REFERRING_CLINICIAN',
          ids: { ...base(), '"021600556514"': service.clinicianUserIds[0], '"21012"': service.id, ...clinicalCodes(example, service) },
        };
      },
      'a023-retrieve-a&g-worklist': async () => ({
        path: '/STU3/CommunicationRequest/$ers.fetchworklist',
        role: 'SERVICE_PROVIDER_CLINICIAN',
        ids: base(),
      }),
      'a010-patient-service-search': async (example) => ({
        path: '/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient',
        role: referrerRole(example),
        ids: {
          ...base(),
          '"9912003888"': patient(),
          '"021600556514"': referrerClinician().userId,
          '"R69"': sim.world.commissioner.odsCode,
          ...clinicalCodes(example, withClinic(servicesWith('BOOKABLE'))),
        },
      }),
      'a011-create-referral': async (example) => ({
        path: '/STU3/ReferralRequest/$ers.createReferral',
        role: referrerRole(example),
        ids: {
          ...(specServiceIds(example).length > 5 ? twentyOfOneKind() : {}),
          ...base(),
          '"9912003888"': patient(),
          '"021600556514"': referrerClinician().userId,
          '"R69"': sim.world.commissioner.odsCode,
          ...shortlistIds(example, { '51002': servicesWith('BOOKABLE', 'INDIRECTLY_BOOKABLE'), '*': servicesWith('BOOKABLE') }),
        },
      }),
      'a021-create-referral-request-and-send-for-triage': async (example) => ({
        path: '/STU3/ReferralRequest/$ers.createReferralAndSendForTriage',
        role: referrerRole(example),
        ids: {
          ...base(),
          '"9912003888"': patient(),
          '"021600556514"': referrerClinician().userId,
          ...shortlistIds(example, { '*': servicesWith('REVIEW') }),
        },
      }),
      'a044-create-advice-and-guidance-request': async (example) => ({
        path: '/STU3/CommunicationRequest/$ers.createAdviceAndGuidance',
        role: referrerRole(example),
        ids: {
          ...base(),
          '"9912003888"': patient(),
          '"021600556514"': referrerClinician().userId,
          ...(await withUploads(example.body, referrerRole(example))),
          ...shortlistIds(example, { '*': servicesWith('ADVICE_AND_GUIDANCE') }),
        },
      }),
      'a012-maintain-referral-letter': referralUpdate('maintainReferralLetter', 'REFERRING_CLINICIAN', () => take('NOT_BOOKED')),
      // BasicExampleIbs says appointmentCancelledInPAS, which e-RS allows only for an indirectly bookable service.
      'a014-reject-referral': referralUpdate('rejectReferral', 'SERVICE_PROVIDER_CLINICIAN', (example) =>
        take(
          'BOOKED',
          (r) =>
            bookedService(r)?.bookableType ===
            (hasParameter(example, 'appointmentCancelledInPAS') ? 'INDIRECTLY_BOOKABLE' : 'DIRECTLY_BOOKABLE'),
        ),
      ),
      'a022-cancel-appointment-action-later': referralUpdate('cancelAppointmentActionLater', 'SERVICE_PROVIDER_CLINICIAN', (example) =>
        take(
          'BOOKED',
          (r) => bookedService(r)?.bookableType === (example.file.includes('IBS') ? 'INDIRECTLY_BOOKABLE' : 'DIRECTLY_BOOKABLE'),
        ),
      ),
      'a028-record-triage-outcome': referralUpdate('recordReviewOutcome', 'SERVICE_PROVIDER_CLINICIAN', () => take('AWAITING_TRIAGE')),
      // The reason sets who may use it: a referrer's reasons on a referral not yet booked, a provider's on a booked one.
      'a036-cancel-referral': async (example) => {
        const code = objects(example.body).find((o) => o.name === 'cancellationReason')?.valueCoding?.code;
        const concept = sim.world.referenceData.referralCancellationReasons.find((c) => c.code === code);
        const referrer = !concept?.businessFunctions || concept.businessFunctions.includes('REFERRING_CLINICIAN');
        // A reason that cannot cancel an appointment needs a referral without a live one (one whose appointment was cancelled or missed).
        const pick = (): Referral => {
          if (referrer) return take('NOT_BOOKED');
          if (concept?.canCancelAppointment) return take('BOOKED');
          const states: ReferralState[] = ['APPT_CANCELLED_BY_PROVIDER', 'APPT_CANCELLED_BY_PATIENT', 'DID_NOT_ATTEND'];
          const state = states.find((st) =>
            sim.world.referrals.some(
              (r) => r.state === st && r.status === 'active' && !['booked', 'proposed', 'pending'].includes(r.appointment?.status ?? ''),
            ),
          );
          if (!state) throw new Error('no referral without a live appointment for a provider to cancel');
          return take(state, (r) => r.status === 'active' && !['booked', 'proposed', 'pending'].includes(r.appointment?.status ?? ''));
        };
        return referralUpdate('cancelReferral', referrer ? 'REFERRING_CLINICIAN' : 'SERVICE_PROVIDER_CLINICIAN', pick)(example);
      },
      'a031-change-shortlist': async (example) => {
        const referral = take('NOT_BOOKED');
        return {
          path: `/STU3/ReferralRequest/${referral.ubrn}/$ers.changeShortlist`,
          role: referrerRole(example),
          headers: ifMatch(referral.versionId),
          ids: {
            ...base(),
            ...(await withUploads(example.body, 'REFERRING_CLINICIAN', referral.ubrn)),
            ...shortlistIds(example, { '51002': servicesWith('BOOKABLE', 'INDIRECTLY_BOOKABLE'), '*': servicesWith('BOOKABLE') }),
          },
        };
      },
      'a032-change-shortlist-and-send-for-triage': async (example) => {
        const referral = take('NOT_BOOKED');
        return {
          path: `/STU3/ReferralRequest/${referral.ubrn}/$ers.changeShortlistAndSendForTriage`,
          role: referrerRole(example),
          headers: ifMatch(referral.versionId),
          ids: { ...base(), ...shortlistIds(example, { '*': servicesWith('REVIEW') }) },
        };
      },
      'a026-send-a&g-response': async (example) => {
        const advice = adviceIn('PROVIDER_RESPONSE_REQUIRED');
        return {
          path: `/STU3/CommunicationRequest/${advice.ubrn}/$ers.sendCommunicationToRequester`,
          role: 'SERVICE_PROVIDER_CLINICIAN',
          headers: ifMatch(advice.versionId),
          ids: { ...base(), ...(await withUploads(example.body, 'SERVICE_PROVIDER_CLINICIAN', advice.ubrn)) },
        };
      },
      'a027-convert-a&g-to-referral': async (example) => {
        const advice = adviceIn(undefined, (a) => a.providerConversionAuthorised && a.convertedToReferralUbrn === undefined);
        return {
          path: '/STU3/ReferralRequest/$ers.createFromCommunicationRequestActionLater',
          role: 'SERVICE_PROVIDER_CLINICIAN',
          ids: {
            ...base(),
            'CommunicationRequest/000000070000/_history/3': `CommunicationRequest/${advice.ubrn}/_history/${advice.versionId}`,
            ...(await withUploads(example.body, 'SERVICE_PROVIDER_CLINICIAN', advice.ubrn)),
          },
        };
      },
      // A booking names a slot of a directly bookable service on the shortlist; a deferral a shortlisted service, a triage deferral a triage one.
      'a016-book-or-defer-appointment': async (example) => {
        const appointment = example.body;
        const triage = JSON.stringify(appointment).includes('"TRIAGE"');
        const slotted = Array.isArray(appointment.slot);
        const booking = appointment.status === 'booked';
        const clinician = objects(appointment).find((o) => o.system === 'http://fhir.nhs.net/Id/sds-user-id')?.value as string | undefined;
        // Booking: a directly bookable service and a free slot; deferring: a directly bookable service
        // whose slots cannot be booked (all taken, or the slot someone else booked, as
        // DeferralWithSlotReference describes); a triage deferral: a triage service.
        const kind = (s: HealthcareService): boolean =>
          triage
            ? s.requestFlows.includes('REVIEW')
            : s.bookableType === 'DIRECTLY_BOOKABLE' && (!clinician || s.clinicianUserIds.length > 0);
        // Deferrals use the last such service, bookings the first: a deferral needs a service whose slots are all taken.
        const candidates = sim.world.services.filter(kind);
        const deferral = !triage && !booking && !slotted;
        const service = deferral ? candidates[candidates.length - 1] : candidates[0];
        if (deferral) {
          // e-RS refuses to defer while a slot is free ("book one instead"): take every slot of this service, as other referrers' bookings would.
          for (const slot of sim.world.slotSchedule.slots) if (slot.serviceId === service.id) slot.booked = true;
        }
        const referral = take('NOT_BOOKED', (r) => r.priority === 'ROUTINE');
        // The seed world has no unbooked referral with such a service on its shortlist: put it there, as a referrer's A031 would.
        if (!referral.shortlist.includes(service.id)) referral.shortlist.push(service.id);
        const ids: Record<string, string> = {
          ...base(),
          '"9912003888"': referral.patientNhsNumber,
          'ReferralRequest/000000070000/_history/6': `ReferralRequest/${referral.ubrn}/_history/${referral.versionId}`,
          ...Object.fromEntries(specServiceIds(example).map((id) => [`"${id}"`, service.id])),
        };
        if (clinician) ids[`"${clinician}"`] = service.clinicianUserIds[0];
        if (slotted) {
          const slot = sim.world.slotSchedule.slots.find(
            (s) =>
              s.serviceId === service.id &&
              s.booked === !booking &&
              !s.urgentOnly &&
              (clinician ? s.clinicianUserId === service.clinicianUserIds[0] : s.clinicianUserId === undefined),
          );
          if (!slot) throw new Error(`no ${booking ? 'free' : 'booked'} slot of service ${service.id}`);
          ids[appointment.slot[0].reference] = `Slot/${slot.id}`;
          if (appointment.start) ids[`"${appointment.start}"`] = slot.start;
          if (appointment.end) ids[`"${appointment.end}"`] = slot.end;
        }
        return { path: '/STU3/Appointment', role: 'REFERRING_CLINICIAN', ids };
      },
      'a034-update-appointment': async (example) => {
        // Booked directly (A016 into a slot): the only booking the referrer may cancel with A034.
        const referral = take(
          'BOOKED',
          (r) =>
            r.appointment?.status === 'booked' && findService(sim.world, r.appointment.serviceId)?.bookableType === 'DIRECTLY_BOOKABLE',
        );
        const appointment = referral.appointment!;
        const incoming = objects(example.body).find((o) => typeof o.reference === 'string' && o.reference.startsWith('ReferralRequest/'))!
          .reference as string;
        const service = objects(example.body).find((o) => o.system === 'http://fhir.nhs.net/Id/ers-service')?.value;
        return {
          path: `/STU3/Appointment/${appointment.id}`,
          method: 'PUT',
          role: 'REFERRING_CLINICIAN',
          headers: ifMatch(appointment.versionId),
          ids: {
            ...base(),
            [`"${example.body.id}"`]: appointment.id,
            [`"${example.body.meta.versionId}"`]: String(appointment.versionId),
            [incoming]: `ReferralRequest/${referral.ubrn}/_history/${referral.versionId}`,
            ...(service ? { [`"${service}"`]: appointment.serviceId } : {}),
            '"1000000001"': referral.patientNhsNumber,
          },
        };
      },
    };
    const examples = operations.flatMap((o) => o.requestExamples.map((example) => ({ operation: o, example })));
    it('covers every request example of the spec', () => {
      expect(examples.length).toBeGreaterThanOrEqual(60);
      // Two A034 examples are documented refusals (a mandatory comment missing, a reason the referrer may not use).
      expect(examples.filter(({ example }) => example.refusal).map(({ example }) => example.file.split('/').pop())).toEqual([
        'CancellationReasonOnlyCommentMandatory.json',
        'CancellationInvalidReason.json',
      ]);
      expect(examples.map(({ operation }) => operation.operationId).filter((id) => !PREPARE[id])).toEqual([]);
    });

    it.each(examples.map(({ operation, example }) => [`${operation.endpoint} ${example.file}`, operation, example] as const))(
      '%s',
      async (_label, op, example) => {
        const prepared = await PREPARE[op.operationId](example);
        const body = replaceIds(example.body, prepared.ids);
        const headers = { ...(await asUser(sim, prepared.role)), ...prepared.headers };
        const response =
          prepared.method === 'PUT' ? await http.put(prepared.path, body, headers) : await http.post(prepared.path, body, headers);
        const outcome =
          response.status >= 400
            ? { diagnostics: response.data?.issue?.[0]?.diagnostics, code: response.data?.issue?.[0]?.details?.coding?.[0]?.code }
            : {};
        if (example.refusal) {
          // A documented refusal: the same status and e-RS code as the page's response example, in a valid OperationOutcome.
          expect({ ...conformance(op.operationId, response.status, response.data), code: outcome.code }).toEqual({
            status: example.refusal.status,
            errors: [],
            code: example.refusal.code,
          });
        } else {
          const success = [...op.responses.keys()].find((status) => status < 300);
          expect({ ...conformance(op.operationId, response.status, response.data), ...outcome }).toEqual({ status: success, errors: [] });
        }
      },
    );
  });
});

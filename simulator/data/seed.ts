/**
 * Builds the simulator's synthetic e-RS world from a seed. Same seed (and anchor) -> the same
 * world, byte for byte: every random choice comes from one seeded stream, in a fixed order.
 * The seed decides who does what and when; every referral and A&G request then reaches its state
 * by replaying the action e-RS would have taken (simulator/actions: the API's writes, and
 * outside-api.ts for what e-RS does without the API), so the seed holds no state machine of its own.
 * Nothing here is real: NHS numbers are in the 999 range, phone numbers in Ofcom's drama range,
 * postcodes use the unused "Q" area, names are random pairings.
 */
import { convertAdviceToReferral, createAdviceAndGuidance, sendCommunicationToRequester } from '../actions/advice';
import { APPOINTMENT_PROFILE, bookOrDeferAppointment } from '../actions/book-or-defer';
import { cancelReferral } from '../actions/cancel-referral';
import type { Actor } from '../actions/common';
import { createReferral, createReferralAndSendForTriage, maintainReferralLetter } from '../actions/create-referral';
import type { Json } from '../actions/parameters';
import { cancelAppointmentActionLater, recordReviewOutcome, rejectReferral } from '../actions/review';
import {
  endAdviceConversation,
  recordAppointmentCancellation,
  recordAssessmentOutcome,
  recordNonAttendance,
  recordPasBooking,
  submitFurtherInformation,
} from '../actions/outside-api';
import { updateAppointment } from '../actions/update-appointment';
import { uploadFile } from '../actions/upload';
import { pdfFile, pngFile, rtfFile, textFile } from './files';
import { extraUsers, identityOf, type IdentityOrganisations } from './identity-users';
import { syntheticNhsNumber } from './nhs-number';
import { Rng } from './prng';
import {
  appointmentParticipants,
  CODE_SYSTEM_BASE,
  codingParameter,
  documentReference,
  identifierParameter,
  ifMatch,
  NHS_NUMBER_SYSTEM,
  parametersBody,
  providerActor,
  referrerActor,
  referringClinician,
  replayed,
  resourceParameter,
  seedContext,
  shortlistResource,
  stringParameter,
} from './seed-replay';
import { buildSlotSchedule, dropSlotsBefore, freeSlots, type Slot } from './slots';
import {
  ASSESSMENT_OUTCOMES,
  buildReferenceData,
  type Concept,
  isOfferedTo,
  type ReferenceData,
  SERVICE_SPECIALTIES,
} from './reference-data';
import {
  type AdditionalRequirement,
  type AdviceAndGuidanceRequest,
  type AdviceAndGuidanceStatus,
  type AppointmentType,
  type Attachment,
  type AttachmentAvailability,
  type AttachmentType,
  type HealthcareService,
  type Organisation,
  type Patient,
  type Practitioner,
  type PriorityCode,
  type ReasonCoding,
  type Referral,
  type ReferralState,
  type SearchCriteria,
  type ServiceContact,
  type World,
} from './world';

export interface WorldOptions {
  seed?: number;
  /** ISO instant the data set treats as "now"; default: anchorFor(now). */
  anchor?: string;
  /** The clock (epoch ms) the default anchor is taken from; default Date.now(). */
  now?: number;
}

export const DEFAULT_SEED = 1;

/**
 * The anchor of a world started at `nowMs`: midnight (UTC) at the start of that day. Stable all
 * day, and never after the clock, so everything the seed dates before the anchor has happened and
 * the slots, which start the day after, are all still to come.
 */
export function anchorFor(nowMs: number): string {
  if (!Number.isFinite(nowMs)) throw new Error(`Invalid clock for the world anchor: ${nowMs}`);
  return new Date(startOfDay(nowMs)).toISOString();
}

/** ODS code of the one referring GP practice (synthetic). */
export const REFERRER_ODS_CODE = 'A99001';
/** ODS code of the one provider trust (synthetic). */
export const PROVIDER_ODS_CODE = 'RZZ';
/** ODS code of the commissioner used as the commissioning-rule organisation (synthetic). */
export const COMMISSIONER_ODS_CODE = 'Q9Z';

/** How many referrals the world holds in each state (300 in all). */
export const STATE_COUNTS: Record<ReferralState, number> = {
  APPT_CANCELLED_BY_PATIENT: 20,
  APPT_CANCELLED_BY_PROVIDER: 15,
  ASSESSMENT_RESULT: 15,
  AWAITING_TRIAGE: 30,
  BOOKED: 50,
  CANCELLED_REFERRAL: 35,
  DEFERRED_TO_PROVIDER: 20,
  DID_NOT_ATTEND: 15,
  NOT_BOOKED: 40,
  REJECTED: 20,
  TRIAGE_RESPONSE: 20,
  TRIAGED_PROVIDER_TO_ACTION: 20,
};

const UBRN_BASE = 50_000_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

const GIVEN_NAMES_F = [
  'Amelia',
  'Olivia',
  'Isla',
  'Ava',
  'Mia',
  'Grace',
  'Freya',
  'Ruby',
  'Evelyn',
  'Florence',
  'Margaret',
  'Joan',
  'Priya',
  'Aisha',
  'Zofia',
];
const GIVEN_NAMES_M = [
  'Oliver',
  'George',
  'Arthur',
  'Noah',
  'Leo',
  'Harry',
  'Jack',
  'Thomas',
  'William',
  'Dennis',
  'Raymond',
  'Mohammed',
  'Arjun',
  'Tomasz',
  'Kwame',
];
const FAMILY_NAMES = [
  'Ashdown',
  'Barrow',
  'Calloway',
  'Dunmore',
  'Ellery',
  'Fairweather',
  'Galloway',
  'Hartwell',
  'Ingram',
  'Jessop',
  'Kershaw',
  'Lomax',
  'Merriman',
  'Northcott',
  'Oakley',
  'Pickering',
  'Quarmby',
  'Rowntree',
  'Sutcliffe',
  'Thwaite',
  'Underhill',
  'Varley',
  'Whitlock',
  'Yardley',
];

const SNOMED_BY_SPECIALTY: Record<string, string[]> = {
  CARDIOLOGY: ['29857009', '80313002'],
  DERMATOLOGY: ['271807003', '126485001'],
  GASTROENTEROLOGY: ['21522001', '62315008'],
  TRAUMA_AND_ORTHOPAEDICS: ['57676002', '30989003'],
  UROLOGY: ['34436003', '49650001'],
  ENT: ['15188001', '36971009'],
};

const TRIAGE_COMMENTS = [
  'Accepted for the next available clinic; please ensure recent bloods are attached.',
  'Reviewed by consultant. Will book into a routine clinic.',
  'Suitable for nurse-led clinic in the first instance.',
];
const ADVICE_COMMENTS = [
  'Please trial first-line treatment for 6 weeks and re-refer if symptoms persist.',
  'Does not meet referral criteria; suggest community management as per local pathway.',
  'Please arrange an ultrasound via direct access and re-refer with the result.',
];
const REJECTION_COMMENTS = [
  'This service does not see patients under 18; please refer to the paediatric service.',
  'Referral lacks the required investigations; please attach recent results and re-refer.',
  'Please refer to the community service, which is more appropriate for this condition.',
];
const CANCELLATION_COMMENTS = [
  'Patient phoned to cancel.',
  'Cancelled at patient request via the booking line.',
  'Clinic list reduced at short notice.',
];
const DEFERRAL_COMMENTS = ['No routine slots in the next 6 weeks.', 'Patient requires an afternoon appointment.'];
const ASSESSMENT_COMMENTS = [
  'Assessment complete; onward referral to the specialist team advised.',
  'Managed in primary care; advice letter sent to GP.',
];
const DNA_COMMENTS = ['Two reminder calls made.', 'Patient contacted afterwards; wishes to rebook.'];

const REFERRAL_CANCELLATION_COMMENTS = ['Patient moved out of area.', 'Referral duplicated in error.', 'Patient seen privately.'];

const ADVICE_QUESTIONS = [
  'Would you advise further investigation before referral?',
  'Is a routine referral appropriate, or can this be managed in primary care?',
  'Please advise on medication changes given the recent results.',
];
const ADVICE_FOLLOW_UP_QUESTIONS = [
  'Please send the most recent blood results and current medication.',
  'Has the patient had any imaging for this? Please attach the report.',
];
const ADVICE_FURTHER_INFORMATION = [
  'Bloods from last week attached; medication unchanged since the referral.',
  'No imaging yet. Symptoms are worse at night; examination otherwise normal.',
];
const CONVERSION_COMMENTS = ['Converted to a referral: please book into the next routine clinic.', 'Converted: see in clinic as advised.'];
const ADVICE_ANSWERS = [
  'This can be managed in primary care. Suggested plan attached.',
  'Please repeat the bloods in 4 weeks and send the results.',
  'A routine referral is appropriate; I would be happy to see the patient.',
];

/** How many A&G requests A027 converts into referrals (TRIAGED_PROVIDER_TO_ACTION, counted in STATE_COUNTS). */
const CONVERTED_ADVICE = 6;

/** A step of an A&G conversation after A044: A026 answers, the referrer's replies and endings, A027. */
type AdviceStep = 'askMore' | 'inform' | 'advise' | 'close' | 'cancel' | 'convert';

/** What the seed asks A011 / A021 to create. */
interface NewReferral {
  patientNhsNumber: string;
  shortlist: string[];
  searchCriteria: SearchCriteria;
  viaTriage: boolean;
  pathwayStart: string | undefined;
  intention: 'NEED_TO_ADD_LATER' | 'NOT_INTENDING_TO_ADD';
}

/** The eRS-ReviewReason-1 codes a referrer defers booking to the provider with (A016). */
type DeferralReason = 'NO_SLOTS_AT_SERVICE' | 'SLOT_NOT_AVAILABLE' | 'BOOKING_ATTEMPT_PROBLEM';

interface SpecialtyServices {
  directlyBookable: HealthcareService[];
  /** A directly bookable service whose published slots are all taken: referrers defer booking to it. */
  fullyBooked: HealthcareService;
  indirectlyBookable: HealthcareService;
  assessment: HealthcareService;
  triage: HealthcareService;
  adviceAndGuidance: HealthcareService;
}

/** Builds the whole world deterministically from the seed. */
export function buildWorld(options: WorldOptions = {}): World {
  const seed = options.seed ?? DEFAULT_SEED;
  const anchor = options.anchor ?? anchorFor(options.now ?? Date.now());
  return new WorldBuilder(seed, anchor).build();
}

class WorldBuilder {
  private readonly rng: Rng;
  private readonly anchorMs: number;
  private readonly referenceData: ReferenceData;
  private readonly attachments: Attachment[] = [];
  private readonly referrer: Organisation;
  private readonly provider: Organisation;
  private readonly commissioner: Organisation;
  private practitioners: Practitioner[] = [];
  private patients: Patient[] = [];
  private services: HealthcareService[] = [];
  private readonly bySpecialty = new Map<string, SpecialtyServices>();
  /** Numbers the synthetic files the seed uploads, so every file name is unique. */
  private fileCounter = 0;
  /** Earlier referrals already continued by an onward referral of the same pathway. */
  private readonly pathwayLinks = new Set<string>();
  /** The world under construction: the simulator's actions replayed by the seed act on it. */
  private world!: World;

  constructor(
    private readonly seed: number,
    private readonly anchor: string,
  ) {
    this.rng = new Rng(seed);
    this.anchorMs = Date.parse(anchor);
    if (Number.isNaN(this.anchorMs)) throw new Error(`Invalid world anchor: ${anchor}`);
    this.referenceData = buildReferenceData(anchor);
    this.referrer = {
      odsCode: REFERRER_ODS_CODE,
      name: 'Riverside Medical Practice',
      role: 'REFERRER',
      postcode: 'QA1 4RT',
      sites: [],
    };
    this.provider = {
      odsCode: PROVIDER_ODS_CODE,
      name: 'Northfield Hospitals NHS Trust',
      role: 'PROVIDER',
      postcode: 'QB2 7HN',
      sites: [
        { siteCode: 'RZZ01', name: 'Northfield General Hospital', postcode: 'QB2 7HN' },
        { siteCode: 'RZZ02', name: 'Westbrook Community Hospital', postcode: 'QB5 1WE' },
        { siteCode: 'RZZ03', name: 'Eastgate Treatment Centre', postcode: 'QB9 3EG' },
      ],
    };
    this.commissioner = {
      odsCode: COMMISSIONER_ODS_CODE,
      name: 'Northfield and Riverside Integrated Care Board',
      role: 'COMMISSIONER',
      postcode: 'QC1 1IC',
      sites: [],
    };
  }

  build(): World {
    this.practitioners = this.buildPractitioners();
    this.patients = this.buildPatients(180);
    this.services = this.buildServices();
    // Assembled before the referrals so the replayed actions can find services, reference data and each referral.
    this.world = {
      seed: this.seed,
      anchor: this.anchor,
      referrer: this.referrer,
      provider: this.provider,
      commissioner: this.commissioner,
      // Fixed identity fixtures go last: they take no random numbers, so the seeded world is unchanged.
      practitioners: [...this.practitioners, ...extraUsers(this.organisationCodes())],
      patients: this.patients,
      services: this.services,
      referrals: [],
      adviceAndGuidance: [],
      attachments: this.attachments,
      slotSchedule: buildSlotSchedule(
        this.seed,
        this.anchor,
        this.services,
        new Set([...this.bySpecialty.values()].map((entry) => entry.fullyBooked.id)),
      ),
      referenceData: this.referenceData,
      highlights: { sharedShortlistServiceId: this.specialtyServices('CARDIOLOGY').directlyBookable[0].id },
    };

    // The A&G conversions (A027) make the last TRIAGED_PROVIDER_TO_ACTION referrals; the rest are made here.
    const counts = { ...STATE_COUNTS, TRIAGED_PROVIDER_TO_ACTION: STATE_COUNTS.TRIAGED_PROVIDER_TO_ACTION - CONVERTED_ADVICE };
    const states = this.rng.shuffle(
      (Object.entries(counts) as Array<[ReferralState, number]>).flatMap(([state, n]) => Array<ReferralState>(n).fill(state)),
    );
    // The first referral (000050000001, the README's example) is a booked one, whatever the seed.
    const firstBooked = states.indexOf('BOOKED');
    [states[0], states[firstBooked]] = [states[firstBooked], states[0]];
    let forcedShared = 0;
    states.forEach((state, i) => {
      // TRIAGED_PROVIDER_TO_ACTION is reached from triage (accept, book later) or from a booking (cancel appointment, action later).
      const viaTriage = isTriagePath(state) || (state === 'TRIAGED_PROVIDER_TO_ACTION' && this.rng.chance(0.7));
      // The first 12 booking-path referrals are cardiology ones, so the shared service is on >= 10 shortlists whatever the seed.
      const forceCardiology = forcedShared < 12 && !viaTriage;
      if (forceCardiology) forcedShared++;
      this.buildReferral(i, state, viaTriage, forceCardiology);
    });

    this.buildAdviceAndGuidance();
    this.ensureEveryAvailability();
    // The past is replayed: from now on the schedule offers slots from the day after the anchor, as it always has.
    dropSlotsBefore(this.world.slotSchedule, iso(this.firstBookableDayMs()));
    return this.world;
  }

  // --- people and places -------------------------------------------------------------------

  private buildPractitioners(): Practitioner[] {
    const person = (userId: string, title: string, odsCode: string, businessFunctions: Practitioner['businessFunctions']): Practitioner => {
      const female = this.rng.chance(0.5);
      return {
        userId,
        title,
        givenName: this.rng.pick(female ? GIVEN_NAMES_F : GIVEN_NAMES_M),
        familyName: this.rng.pick(FAMILY_NAMES),
        odsCode,
        businessFunctions,
        ...identityOf(userId, odsCode, businessFunctions, this.organisationCodes()),
      };
    };
    const ref = (n: number): string => `5550100000${String(n).padStart(2, '0')}`;
    const prov = (n: number): string => `5550200000${String(n).padStart(2, '0')}`;
    return [
      person(ref(1), 'Dr', REFERRER_ODS_CODE, ['REFERRING_CLINICIAN']),
      person(ref(2), 'Dr', REFERRER_ODS_CODE, ['REFERRING_CLINICIAN']),
      person(ref(3), 'Dr', REFERRER_ODS_CODE, ['REFERRING_CLINICIAN']),
      person(ref(4), 'Mx', REFERRER_ODS_CODE, ['REFERRING_CLINICIAN_ADMIN']),
      person(ref(5), 'Mx', REFERRER_ODS_CODE, ['REFERRING_ADMIN']),
      ...Array.from({ length: 8 }, (_, i) => person(prov(i + 1), 'Dr', PROVIDER_ODS_CODE, ['SERVICE_PROVIDER_CLINICIAN'])),
      person(prov(9), 'Mx', PROVIDER_ODS_CODE, ['SERVICE_PROVIDER_CLINICIAN_ADMIN']),
      person(prov(10), 'Mx', PROVIDER_ODS_CODE, ['SERVICE_PROVIDER_CLINICIAN_ADMIN']),
      person(prov(11), 'Mx', PROVIDER_ODS_CODE, ['SERVICE_PROVIDER_ADMIN']),
    ];
  }

  private organisationCodes(): IdentityOrganisations {
    return { referrer: this.referrer.odsCode, provider: this.provider.odsCode, commissioner: this.commissioner.odsCode };
  }

  private withFunction(fn: Practitioner['businessFunctions'][number]): Practitioner[] {
    return this.practitioners.filter((p) => p.businessFunctions.includes(fn));
  }

  private buildPatients(count: number): Patient[] {
    const taken = new Set<string>();
    return Array.from({ length: count }, (): Patient => {
      const female = this.rng.chance(0.52);
      // Aged 6 to 93 at the anchor (in days, so a world anchored a week later is the same world a week on).
      const birth = startOfDay(this.anchorMs) - this.rng.int(6 * 365, 93 * 365) * DAY;
      return {
        nhsNumber: syntheticNhsNumber(this.rng, taken),
        givenName: this.rng.pick(female ? GIVEN_NAMES_F : GIVEN_NAMES_M),
        familyName: this.rng.pick(FAMILY_NAMES),
        birthDate: new Date(birth).toISOString().slice(0, 10),
        gender: female ? 'female' : 'male',
        postcode: `Q${this.rng.pick(['A', 'B', 'D', 'E'])}${this.rng.int(1, 9)} ${this.rng.int(1, 9)}${this.rng.pick(['AB', 'DF', 'HJ', 'LN', 'PQ', 'RT', 'WX'])}`,
      };
    });
  }

  private buildServices(): HealthcareService[] {
    const services: HealthcareService[] = [];
    const spcs = this.withFunction('SERVICE_PROVIDER_CLINICIAN').map((p) => p.userId);
    const [general, westbrook, eastgate] = this.provider.sites;

    SERVICE_SPECIALTIES.forEach((specialty, si) => {
      const display = this.referenceData.specialties.find((s) => s.code === specialty)!.display;
      const clinicTypes = this.referenceData.clinicTypes.filter((c) => c.specialty === specialty).map((c) => c.code);
      const secondType = this.rng.pick<AppointmentType>(['NURSE_CLINIC', 'DIAGNOSTIC', 'DAY_CASE', 'AHP_CLINIC']);
      let k = 0;
      const make = (
        name: string,
        siteCode: string,
        appointmentType: AppointmentType | undefined,
        requestFlows: HealthcareService['requestFlows'],
        bookableType?: HealthcareService['bookableType'],
      ): HealthcareService => {
        k++;
        const id = String(30000 + si * 100 + k);
        const service: HealthcareService = {
          id,
          versionId: this.rng.int(1, 4),
          name,
          providerOdsCode: PROVIDER_ODS_CODE,
          siteCode,
          specialty,
          clinicTypes: k === 1 ? [...clinicTypes] : this.rng.sample(clinicTypes, this.rng.int(1, clinicTypes.length)),
          requestFlows,
          contacts: this.contactsFor(name),
          clinicianUserIds: this.rng.sample(spcs, this.rng.int(1, 3)),
        };
        if (appointmentType) service.appointmentType = appointmentType;
        if (bookableType) service.bookableType = bookableType;
        if (this.rng.chance(0.8)) {
          service.hoursOfOperation = this.rng.pick([
            '09:00-17:00 Monday to Friday',
            '08:30-16:30 Monday to Friday',
            '09:00-13:00 Monday, Wednesday and Friday',
          ]);
        }
        if (this.rng.chance(0.5)) {
          service.instructions = this.rng.pick([
            'Please include a recent blood pressure reading and current medication.',
            'Patients should bring a list of current medication to the appointment.',
            'Referrals without clinical information attached will be returned.',
          ]);
        }
        services.push(service);
        return service;
      };
      const directlyBookable = [
        make(`${display} Outpatients - ${general.name}`, general.siteCode, 'FIRST_OUTPATIENT', ['BOOKABLE'], 'DIRECTLY_BOOKABLE'),
        make(`${display} ${labelOf(secondType)} - ${westbrook.name}`, westbrook.siteCode, secondType, ['BOOKABLE'], 'DIRECTLY_BOOKABLE'),
        make(`${display} Clinic - ${eastgate.name}`, eastgate.siteCode, 'FIRST_OUTPATIENT', ['BOOKABLE'], 'DIRECTLY_BOOKABLE'),
      ];
      const entry: SpecialtyServices = {
        directlyBookable,
        fullyBooked: directlyBookable[1],
        indirectlyBookable: make(
          `${display} Consultant Clinic - ${westbrook.name}`,
          westbrook.siteCode,
          'FIRST_OUTPATIENT',
          ['BOOKABLE'],
          'INDIRECTLY_BOOKABLE',
        ),
        assessment: make(
          `${display} Clinical Assessment Service`,
          eastgate.siteCode,
          'ASSESSMENT_SERVICE',
          ['BOOKABLE'],
          'INDIRECTLY_BOOKABLE',
        ),
        triage: make(`${display} Referral Assessment and Triage`, general.siteCode, 'TELEPHONE_ASSESSMENT', ['REVIEW']),
        adviceAndGuidance: make(`${display} Advice and Guidance`, general.siteCode, undefined, ['ADVICE_AND_GUIDANCE']),
      };
      this.bySpecialty.set(specialty, entry);
    });
    return services;
  }

  private contactsFor(name: string): ServiceContact[] {
    const phone = (): string => `01632 ${this.rng.int(960000, 960999)}`;
    const slug = name
      .toLowerCase()
      .replace(/[^a-z]+/g, '.')
      .replace(/^\.|\.$/g, '');
    const contacts: ServiceContact[] = [{ purpose: 'PATINF', telecom: [{ system: 'phone', value: phone() }] }];
    if (this.rng.chance(0.6))
      contacts.push({
        purpose: 'HEALTHCARE_PROFESSIONALS',
        telecom: [
          { system: 'email', value: `${slug}@nhs-sim.example` },
          { system: 'phone', value: phone() },
        ],
      });
    if (this.rng.chance(0.3)) contacts.push({ purpose: 'ADMIN', telecom: [{ system: 'phone', value: phone() }] });
    return contacts;
  }

  private specialtyServices(specialty: string): SpecialtyServices {
    const entry = this.bySpecialty.get(specialty);
    if (!entry) throw new Error(`No services for ${specialty}`);
    return entry;
  }

  // --- referrals ---------------------------------------------------------------------------

  private buildReferral(index: number, state: ReferralState, viaTriage: boolean, forceCardiology: boolean): Referral {
    const rng = this.rng;
    const specialty = forceCardiology ? 'CARDIOLOGY' : rng.pick(SERVICE_SPECIALTIES);
    const svc = this.specialtyServices(specialty);
    const priority = rng.weighted<PriorityCode>([
      ['ROUTINE', 65],
      ['URGENT', 25],
      ['TWO_WEEK_WAIT', 10],
    ]);
    const clinicTypes = this.referenceData.clinicTypes.filter((c) => c.specialty === specialty);
    const clinicType = rng.chance(0.7) ? rng.pick(clinicTypes).code : undefined;
    const patient = rng.pick(this.patients);
    const requester = rng.pick(this.withFunction('REFERRING_CLINICIAN'));

    const flagship = this.specialtyServices('CARDIOLOGY').directlyBookable[0];
    const bookable = [...svc.directlyBookable, svc.indirectlyBookable];
    let shortlist: string[];
    let bookedServiceId: string | undefined;
    let deferral: DeferralReason | undefined;
    if (viaTriage) {
      // Sending for triage needs exactly one triage service on the shortlist.
      shortlist = [svc.triage.id];
      bookedServiceId = svc.triage.id;
    } else {
      shortlist = rng.sample(bookable, rng.int(1, 5)).map((s) => s.id);
      if (specialty === 'CARDIOLOGY' && !shortlist.includes(flagship.id))
        shortlist = [flagship.id, ...shortlist].slice(0, Math.max(1, shortlist.length));
      if (state === 'ASSESSMENT_RESULT') {
        shortlist = [...shortlist.slice(0, 4), svc.assessment.id];
        bookedServiceId = svc.assessment.id;
      } else if (state === 'DEFERRED_TO_PROVIDER') {
        // A016 defers only to a directly bookable service; with no free slots (or the slot just taken), to the fully booked one.
        deferral = rng.weighted<DeferralReason>([
          ['NO_SLOTS_AT_SERVICE', 70],
          ['SLOT_NOT_AVAILABLE', 20],
          ['BOOKING_ATTEMPT_PROBLEM', 10],
        ]);
        const wanted =
          deferral === 'BOOKING_ATTEMPT_PROBLEM'
            ? shortlist.find((id) => svc.directlyBookable.some((s) => s.id === id))
            : shortlist.find((id) => id === svc.fullyBooked.id);
        bookedServiceId = wanted ?? (deferral === 'BOOKING_ATTEMPT_PROBLEM' ? svc.directlyBookable[0].id : svc.fullyBooked.id);
        if (!wanted) shortlist[0] = bookedServiceId;
      } else {
        // A booking needs free slots (or an indirectly bookable service, booked by its PAS): never the fully booked service.
        const open = shortlist.filter((id) => id !== svc.fullyBooked.id);
        if (open.length === 0) shortlist = [svc.directlyBookable[0].id];
        bookedServiceId = rng.pick(open.length > 0 ? open : shortlist);
      }
    }

    const searchCriteria: SearchCriteria = { priority, specialty, ageAndGenderAppropriate: rng.chance(0.9) };
    if (clinicType) searchCriteria.clinicType = clinicType;
    if (rng.chance(0.6)) {
      searchCriteria.postcode = patient.postcode;
      searchCriteria.distanceLimitMiles = rng.pick([10, 25, 50]);
    }
    if (rng.chance(0.2)) searchCriteria.indicativeAppointmentWaitTimeLimitDays = rng.pick([28, 42, 90]);
    if (rng.chance(0.15)) searchCriteria.clinicalTermSnomedCode = rng.pick(SNOMED_BY_SPECIALTY[specialty]);
    if (rng.chance(0.1))
      searchCriteria.namedClinicianUserId = rng.pick(this.specialtyServices(specialty).directlyBookable[0].clinicianUserIds);
    // CommissioningProvisioning is no longer an input: clients that still send it get ALL_AVAILABLE_FOR_BOOKING stored.
    if (rng.chance(0.5)) searchCriteria.commissioningProvisioning = 'ALL_AVAILABLE_FOR_BOOKING';

    const additionalRequirements: AdditionalRequirement[] = rng.chance(0.12)
      ? rng.sample<AdditionalRequirement>(['ADVOCACY', 'INTERPRETER', 'TRANSPORT'], rng.int(1, 3))
      : [];

    // Created during working hours, up to 180 days before the anchor; at least 45 when later versions (a booking, a
    // review) need room, so referrals still waiting to be booked or triaged include some made in the last few days.
    const newest = state === 'NOT_BOOKED' || state === 'AWAITING_TRIAGE' ? 1 : 45;
    let clock = startOfDay(this.anchorMs - rng.int(newest, 180) * DAY) + rng.int(8 * 60, 17 * 60) * MINUTE + rng.int(0, 59_999);
    const createdAt = iso(clock);
    const advance = (minDays: number, maxDays: number): string => {
      clock += rng.int(minDays * 24 * 60, maxDays * 24 * 60) * MINUTE + rng.int(0, 59_999);
      return iso(clock);
    };
    const soon = (): string => {
      clock += rng.int(1, 40) * MINUTE + rng.int(0, 59_999);
      return iso(clock);
    };

    // An onward referral of an earlier one's pathway is for the same patient, and its clock carries on.
    const earlier = this.previousOfPathway(state, createdAt);
    const ownPathwayStart = rng.chance(0.25) ? iso(Date.parse(createdAt) - rng.int(0, 21) * DAY) : undefined;
    const pathwayStart = earlier ? (earlier.pathwayStart ?? earlier.createdAt) : ownPathwayStart;
    const hasLetter = rng.chance(0.88);

    // Version 1: A011 creates the referral (NOT_BOOKED), or A021 creates it and sends it for triage (AWAITING_TRIAGE).
    const referral = this.replayCreate(createdAt, requester, {
      patientNhsNumber: earlier?.patientNhsNumber ?? patient.nhsNumber,
      shortlist,
      searchCriteria,
      viaTriage,
      // A021 takes no pathway start.
      pathwayStart: viaTriage ? undefined : pathwayStart,
      intention: hasLetter || viaTriage || rng.chance(0.5) ? 'NEED_TO_ADD_LATER' : 'NOT_INTENDING_TO_ADD',
    });
    if (referral.ubrn !== String(UBRN_BASE + index + 1).padStart(12, '0'))
      throw new Error(`Seed referral ${index} got UBRN ${referral.ubrn}`);
    // Captured with the referral in e-RS's Professional Application: the API has no parameter for them.
    referral.additionalRequirements = [...additionalRequirements];
    referral.versions[0].additionalRequirements = [...additionalRequirements];
    // e-RS links an onward referral to the earlier one when it is made from it; the API has no parameter for that either.
    if (earlier) referral.relatedReferralUbrn = earlier.ubrn;

    // A012 attaches the referral letter (uploaded with A020) minutes later, sometimes with results or a photograph.
    if (hasLetter) {
      const author = this.referrerAuthor(referral);
      const kinds: FileKind[] = rng.chance(0.35) ? ['letter', rng.pick(['results', 'photo'] as const)] : ['letter'];
      this.replayMaintainLetter(referral, soon(), author, kinds);
    }
    // Optional version: clinical information added or updated (forced when a provider must act on it).
    if (!hasLetter ? state !== 'NOT_BOOKED' || rng.chance(0.5) : rng.chance(0.25)) {
      const kind: FileKind = hasLetter ? rng.pick(['results', 'photo', 'letter'] as const) : 'letter';
      // Within three days, and before the anchor.
      const days = Math.max(0, Math.min(3, Math.floor((this.anchorMs - clock) / DAY) - 1));
      this.replayMaintainLetter(referral, advance(0, days), this.referrerAuthor(referral), [kind]);
    }

    this.advanceToState(referral, state, viaTriage, bookedServiceId!, advance, deferral);
    return referral;
  }

  /** Moves a freshly created referral through the versions that lead to its target state. */
  private advanceToState(
    referral: Referral,
    state: ReferralState,
    viaTriage: boolean,
    serviceId: string,
    advance: (minDays: number, maxDays: number) => string,
    deferral: DeferralReason | undefined,
  ): void {
    const rng = this.rng;
    const comment = (pool: string[], p: number): string | undefined => (rng.chance(p) ? rng.pick(pool) : undefined);

    if (viaTriage) {
      if (state === 'AWAITING_TRIAGE') return;
      const at = advance(1, 6);
      const provider = rng.pick(this.withFunction('SERVICE_PROVIDER_CLINICIAN'));
      if (state === 'TRIAGED_PROVIDER_TO_ACTION') {
        // A028 makes the review comments mandatory; the seed's silent acceptances say so in one line.
        const note = comment(TRIAGE_COMMENTS, 0.7) ?? 'Accepted; our admin team will book the appointment.';
        this.replayReviewOutcome(referral, at, provider, 'ACCEPT_REFER_BOOK_LATER', note);
      } else {
        // TRIAGE_RESPONSE: returned to the referrer with advice, sometimes with a provider letter.
        const note = rng.pick(ADVICE_COMMENTS);
        const actor = providerActor(referral, provider.userId);
        const letters = rng.chance(0.5) ? [this.uploadFile(referral.ubrn, at, actor, 'response', 'PROVIDER')] : [];
        this.replayReviewOutcome(referral, at, provider, 'RETURN_TO_REFERRER_WITH_ADVICE', note, letters);
      }
      return;
    }

    if (state === 'NOT_BOOKED') return;

    if (state === 'DEFERRED_TO_PROVIDER') {
      this.replayDeferral(referral, advance(0, 4), serviceId, deferral!, comment(DEFERRAL_COMMENTS, 0.3));
      return;
    }

    if (state === 'CANCELLED_REFERRAL' && rng.chance(0.5)) {
      const at = advance(1, 10);
      this.replayCancelReferral(referral, at, this.referralCancellation(false));
      return;
    }

    // Every remaining state starts with a booking: BOOKED ones for an appointment still to come, the others for one in the past.
    const bookedAt = advance(0, 4);
    const future = state === 'BOOKED';
    const startMs = this.replayBooking(referral, bookedAt, serviceId, future);
    if (state === 'BOOKED') return;

    const afterAppointment = (): string => {
      const at = startMs + rng.int(1, 4) * DAY + rng.int(0, 8 * 60) * MINUTE;
      return iso(Math.min(at, this.anchorMs - HOUR));
    };
    const beforeAppointment = (): string =>
      iso(Date.parse(bookedAt) + rng.int(6, Math.max(6, Math.floor((startMs - Date.parse(bookedAt)) / HOUR) - 2)) * HOUR);
    const clinician = (): Practitioner => rng.pick(this.withFunction('SERVICE_PROVIDER_CLINICIAN'));

    switch (state) {
      case 'ASSESSMENT_RESULT': {
        const at = afterAppointment();
        const outcome = rng.pick(Object.keys(ASSESSMENT_OUTCOMES) as Array<keyof typeof ASSESSMENT_OUTCOMES>);
        const actor = providerActor(referral, clinician().userId);
        const letters = rng.chance(0.5) ? [this.uploadFile(referral.ubrn, at, actor, 'response', 'PROVIDER')] : [];
        const binaryIds = letters.map(binaryIdOf);
        const note = comment(ASSESSMENT_COMMENTS, 0.8);
        this.scanned(() =>
          replayed(
            'assessment outcome',
            recordAssessmentOutcome(seedContext(this.world, at, actor), { ubrn: referral.ubrn, outcome, comment: note, binaryIds }),
          ),
        );
        return;
      }
      case 'DID_NOT_ATTEND': {
        const at = afterAppointment();
        // Not PATIENT_DIED: a seeded DNA referral stays live, which a patient's death would end.
        const reasons = this.referenceData.nonAttendanceReasons.filter((c) => c.code !== 'PATIENT_DIED' && !c.effectiveTo);
        const reasonCode = rng.chance(0.7) ? rng.pick(reasons).code : undefined;
        const note = comment(DNA_COMMENTS, 0.3);
        replayed(
          'non-attendance',
          recordNonAttendance(seedContext(this.world, at, providerActor(referral, clinician().userId)), {
            ubrn: referral.ubrn,
            reasonCode,
            comment: note,
          }),
        );
        return;
      }
      case 'APPT_CANCELLED_BY_PATIENT':
      case 'APPT_CANCELLED_BY_PROVIDER': {
        const at = beforeAppointment();
        const type = state === 'APPT_CANCELLED_BY_PATIENT' ? 'PATIENT' : 'PROVIDER';
        const concept = rng.pick(
          this.referenceData.appointmentCancellationReasons.filter((c) => c.bookingCancellationReasonType === type && !c.effectiveTo),
        );
        const note = concept.commentIsMandatory ? rng.pick(CANCELLATION_COMMENTS) : comment(CANCELLATION_COMMENTS, 0.3);
        if (type === 'PATIENT' && this.directlyBooked(referral)) {
          this.replayUpdateAppointment(referral, at, concept.code, note);
        } else {
          // The patient phoned the provider, or the provider cancels: e-RS records it from the provider's side.
          replayed(
            'appointment cancellation',
            recordAppointmentCancellation(seedContext(this.world, at, providerActor(referral, clinician().userId)), {
              ubrn: referral.ubrn,
              reasonCode: concept.code,
              comment: note,
            }),
          );
        }
        return;
      }
      case 'REJECTED': {
        const at = beforeAppointment();
        const concept = rng.pick(
          this.referenceData.appointmentCancellationReasons.filter(
            (c) => c.bookingCancellationReasonType === 'PROVIDER_REJECT' && c.usage === 'REJECT' && !c.effectiveTo,
          ),
        );
        this.replayReject(referral, at, clinician(), concept.code, rng.pick(REJECTION_COMMENTS));
        return;
      }
      case 'TRIAGED_PROVIDER_TO_ACTION': {
        // Provider cancelled the appointment to action later (A022).
        const at = beforeAppointment();
        // A022 makes the comments mandatory; the seed's silent cancellations say so in one line.
        const note = comment(TRIAGE_COMMENTS, 0.6) ?? 'Appointment cancelled; our admin team will rebook.';
        this.replayCancelAppointmentActionLater(referral, at, note);
        return;
      }
      case 'CANCELLED_REFERRAL': {
        const at = beforeAppointment();
        this.replayCancelReferral(referral, at, this.referralCancellation(true));
        return;
      }
      default:
        throw new Error(`Unhandled referral state ${state}`);
    }
  }

  /**
   * Books the referral at `at` into the service: A016 into a free slot of a directly bookable
   * service, else the provider's PAS books an indicative time. The appointment is still to come
   * (`future`: within the slot horizon after the anchor) or 3 to 14 days after the booking.
   * Returns the appointment's start (epoch ms).
   */
  private replayBooking(referral: Referral, at: string, serviceId: string, future: boolean): number {
    const rng = this.rng;
    const service = this.services.find((s) => s.id === serviceId)!;
    const bookedMs = Date.parse(at);
    if (service.bookableType !== 'DIRECTLY_BOOKABLE') {
      const startMs = future
        ? atClinicTime(this.anchorMs + rng.int(2, 60) * DAY, rng.int(0, 27))
        : atClinicTime(bookedMs + rng.int(3, 14) * DAY, rng.int(0, 27));
      const clinician = rng.pick(this.withFunction('SERVICE_PROVIDER_CLINICIAN'));
      replayed(
        'PAS booking',
        recordPasBooking(seedContext(this.world, at, providerActor(referral, clinician.userId)), {
          ubrn: referral.ubrn,
          serviceId,
          start: iso(startMs),
        }),
      );
      return startMs;
    }
    const free = freeSlots(this.world.slotSchedule, { serviceId, priority: referral.priority, after: at });
    const within = (fromMs: number, toMs: number): Slot[] =>
      free.filter((s) => Date.parse(s.start) >= fromMs && Date.parse(s.start) <= toMs);
    const candidates = future
      ? within(this.firstBookableDayMs(), Infinity)
      : [within(bookedMs + 3 * DAY, bookedMs + 14 * DAY), within(bookedMs + DAY, bookedMs + 28 * DAY)].find((c) => c.length > 0);
    if (!candidates || candidates.length === 0) throw new Error(`Seed found no free slot at service ${serviceId} for ${referral.ubrn}`);
    const slot = rng.pick(candidates);
    const body: Json = {
      resourceType: 'Appointment',
      meta: { profile: [APPOINTMENT_PROFILE] },
      status: 'booked',
      slot: [{ reference: `Slot/${slot.id}` }],
      incomingReferral: [{ reference: `ReferralRequest/${referral.ubrn}/_history/${referral.versionId}` }],
      participant: appointmentParticipants(serviceId, referral.patientNhsNumber, slot.clinicianUserId),
    };
    replayed('A016 book appointment', bookOrDeferAppointment(seedContext(this.world, at, referrerActor(referral)), body));
    return Date.parse(slot.start);
  }

  /**
   * A016 Defer booking to the provider: NO_SLOTS_AT_SERVICE or SLOT_NOT_AVAILABLE (naming a slot
   * just taken) at the fully booked service, BOOKING_ATTEMPT_PROBLEM at any directly bookable one.
   */
  private replayDeferral(referral: Referral, at: string, serviceId: string, code: DeferralReason, note: string | undefined): void {
    const taken =
      code === 'SLOT_NOT_AVAILABLE'
        ? this.world.slotSchedule.slots.find((s) => s.serviceId === serviceId && s.booked && s.start > at)
        : undefined;
    if (code === 'SLOT_NOT_AVAILABLE' && !taken) throw new Error(`Seed found no taken slot at service ${serviceId}`);
    const body: Json = {
      resourceType: 'Appointment',
      meta: { profile: [APPOINTMENT_PROFILE] },
      status: 'proposed',
      reason: [{ coding: [{ system: `${CODE_SYSTEM_BASE}eRS-ReviewReason-1`, code }] }],
      ...(taken ? { slot: [{ reference: `Slot/${taken.id}` }] } : {}),
      ...(note ? { comment: note } : {}),
      incomingReferral: [{ reference: `ReferralRequest/${referral.ubrn}/_history/${referral.versionId}` }],
      participant: appointmentParticipants(serviceId, referral.patientNhsNumber, undefined),
    };
    replayed('A016 defer to provider', bookOrDeferAppointment(seedContext(this.world, at, referrerActor(referral)), body));
  }

  /** A034 Update appointment: the referrer cancels a directly booked appointment for a patient reason. */
  private replayUpdateAppointment(referral: Referral, at: string, reasonCode: string, note: string | undefined): void {
    const appointment = referral.appointment!;
    const body: Json = {
      resourceType: 'Appointment',
      id: appointment.id,
      meta: { profile: [APPOINTMENT_PROFILE] },
      status: 'cancelled',
      reason: [{ coding: [{ system: `${CODE_SYSTEM_BASE}APPOINTMENT-CANCELLATION-REASON`, code: reasonCode }] }],
      ...(note ? { comment: note } : {}),
      incomingReferral: [{ reference: `ReferralRequest/${referral.ubrn}/_history/${referral.versionId}` }],
      participant: appointmentParticipants(appointment.serviceId, referral.patientNhsNumber, undefined),
    };
    replayed(
      'A034 update appointment',
      updateAppointment(seedContext(this.world, at, referrerActor(referral)), {
        id: appointment.id,
        ifMatch: `W/"${appointment.versionId}"`,
        body,
      }),
    );
  }

  /** Midnight (UTC) after the anchor: the first day the world's slot schedule offers once the seed has replayed its past. */
  private firstBookableDayMs(): number {
    return startOfDay(this.anchorMs) + DAY;
  }

  /** Whether the referral's current appointment is at a directly bookable service (A034 cancels only those). */
  private directlyBooked(referral: Referral): boolean {
    return this.services.find((s) => s.id === referral.appointment?.serviceId)?.bookableType === 'DIRECTLY_BOOKABLE';
  }

  /**
   * A reason A036 would take for a referral that was not triaged (referrerUsage CANCEL_REFERRAL, not
   * PROVIDER_TRIAGE, current), one that can cancel the appointment when there is one.
   */
  private referralCancellation(withAppointment: boolean): { reason: ReasonCoding; note?: string } {
    const usable = this.referenceData.referralCancellationReasons.filter(
      (c) =>
        c.referrerUsage === 'CANCEL_REFERRAL' &&
        c.requestCancellationReasonType !== 'PROVIDER_TRIAGE' &&
        !c.effectiveTo &&
        (c.canCancelAppointment || !withAppointment),
    );
    const concept = this.rng.pick(usable);
    const reason = this.referenceReason('REFERRAL-CANCELLATION-REASON', [concept]);
    const note = concept.commentIsMandatory || this.rng.chance(0.3) ? this.rng.pick(REFERRAL_CANCELLATION_COMMENTS) : undefined;
    return { reason, note };
  }

  /** A028 Record review outcome: the provider clinician's triage outcome on a referral awaiting triage. */
  private replayReviewOutcome(
    referral: Referral,
    at: string,
    clinician: Practitioner,
    outcome: 'ACCEPT_REFER_BOOK_LATER' | 'RETURN_TO_REFERRER_WITH_ADVICE',
    note: string,
    files: Json[] = [],
  ): void {
    const body = parametersBody('eRS-RecordReviewOutcome-Parameters-1', [
      codingParameter('reviewOutcome', 'eRS-ReviewOutcome-1', outcome),
      stringParameter('reviewComments', note),
      ...files.map((file) => resourceParameter('reviewAttachmentFile', file)),
    ]);
    this.scanned(() =>
      replayed(
        'A028 record review outcome',
        recordReviewOutcome(seedContext(this.world, at, providerActor(referral, clinician.userId)), {
          ubrn: referral.ubrn,
          ifMatch: ifMatch(referral),
          body,
        }),
      ),
    );
  }

  /** A011 Create referral (NOT_BOOKED), or A021 Create referral and send for triage (AWAITING_TRIAGE), by the referring clinician. */
  private replayCreate(at: string, requester: Practitioner, request: NewReferral): Referral {
    const body = parametersBody(request.viaTriage ? 'eRS-CreateReferralAndSendForTriage-Parameters-1' : 'eRS-CreateReferral-Parameters-1', [
      identifierParameter('patient', NHS_NUMBER_SYSTEM, request.patientNhsNumber),
      resourceParameter('shortlist', shortlistResource(request.shortlist, request.searchCriteria)),
      codingParameter('intentionToAddReferralLetter', 'eRS-ReferralLetterIntention-1', request.intention),
      // Triage sends no reminder letter (0 days); otherwise the patient is reminded to book after two weeks.
      { name: 'firstReminderLetterFollowUpDays', valueUnsignedInt: request.viaTriage ? 0 : 14 },
      request.pathwayStart === undefined ? undefined : { name: 'eReferralPathwayStart', valueInstant: request.pathwayStart },
    ]);
    const ctx = seedContext(this.world, at, referringClinician(requester.userId, requester.odsCode));
    return request.viaTriage
      ? replayed('A021 create referral and send for triage', createReferralAndSendForTriage(ctx, body))
      : replayed('A011 create referral', createReferral(ctx, body));
  }

  /** A012 Maintain referral letter: uploads the files (A020) and attaches them to the referral. */
  private replayMaintainLetter(referral: Referral, at: string, author: Actor, kinds: FileKind[]): void {
    const files = kinds.map((kind) => this.uploadFile(referral.ubrn, at, author, kind, 'REFERRER'));
    const body = parametersBody(
      'eRS-MaintainReferralLetter-Parameters-1',
      files.map((file) => resourceParameter('referralLetterFile', file)),
    );
    this.scanned(() =>
      replayed(
        'A012 maintain referral letter',
        maintainReferralLetter(seedContext(this.world, at, author), { ubrn: referral.ubrn, ifMatch: ifMatch(referral), body }),
      ),
    );
  }

  /**
   * A022 Cancel appointment, action later: the provider clinician cancels the booking and tasks the
   * admin team (the referral gets a new proposed appointment, numbered after the seed's own).
   */
  private replayCancelAppointmentActionLater(referral: Referral, at: string, note: string): void {
    const body = parametersBody('eRS-cancelAppointmentActionLater-Parameters-1', [
      stringParameter('comments', note),
      this.indirectlyBooked(referral) ? { name: 'appointmentCancelledInPAS', valueBoolean: true } : undefined,
    ]);
    const clinician = this.withFunction('SERVICE_PROVIDER_CLINICIAN')[0];
    replayed(
      'A022 cancel appointment, action later',
      cancelAppointmentActionLater(seedContext(this.world, at, providerActor(referral, clinician.userId)), {
        ubrn: referral.ubrn,
        ifMatch: ifMatch(referral),
        body,
      }),
    );
  }

  /** Whether the referral's current appointment is at an indirectly bookable service (appointmentCancelledInPAS is then mandatory). */
  private indirectlyBooked(referral: Referral): boolean {
    return this.services.find((s) => s.id === referral.appointment?.serviceId)?.bookableType === 'INDIRECTLY_BOOKABLE';
  }

  /** A014 Reject referral: the provider clinician sends a booked referral back to the referrer (REJECTED). */
  private replayReject(referral: Referral, at: string, clinician: Practitioner, reasonCode: string, note: string): void {
    const indirectly = this.indirectlyBooked(referral);
    const body = parametersBody('eRS-RejectReferral-Parameters-1', [
      codingParameter('rejectionReason', 'APPOINTMENT-CANCELLATION-REASON', reasonCode),
      stringParameter('rejectionComments', note),
      // Mandatory for an indirectly bookable service's appointment, not permitted otherwise.
      indirectly ? { name: 'appointmentCancelledInPAS', valueBoolean: true } : undefined,
    ]);
    replayed(
      'A014 reject referral',
      rejectReferral(seedContext(this.world, at, providerActor(referral, clinician.userId)), {
        ubrn: referral.ubrn,
        ifMatch: ifMatch(referral),
        body,
      }),
    );
  }

  /**
   * A036 Cancel referral (any live appointment is cancelled with it): by the referring clinician,
   * or by a provider clinician when the reason is offered only to the provider side.
   */
  private replayCancelReferral(referral: Referral, at: string, cancellation: { reason: ReasonCoding; note?: string }): void {
    const concept = this.referenceData.referralCancellationReasons.find((c) => c.code === cancellation.reason.code)!;
    const actor = isOfferedTo(concept, 'REFERRING_CLINICIAN')
      ? referrerActor(referral)
      : providerActor(referral, this.withFunction('SERVICE_PROVIDER_CLINICIAN')[0].userId);
    const body = parametersBody('eRS-CancelReferral-Request-Parameters-1', [
      codingParameter('cancellationReason', 'REFERRAL-CANCELLATION-REASON', cancellation.reason.code),
      stringParameter('cancellationComments', cancellation.note),
    ]);
    replayed(
      'A036 cancel referral',
      cancelReferral(seedContext(this.world, at, actor), { ubrn: referral.ubrn, ifMatch: ifMatch(referral), body }),
    );
  }

  private referenceReason(system: ReasonCoding['system'], concepts: Concept[]): ReasonCoding {
    const concept = this.rng.pick(concepts.filter((c) => !c.effectiveTo));
    return { system, code: concept.code, display: concept.display };
  }

  // --- attachments -------------------------------------------------------------------------

  /** Who attaches a referrer-side file: the referring clinician, or now and then a clinician admin on their behalf. */
  private referrerAuthor(referral: Referral): Actor {
    const clinician = referrerActor(referral);
    if (!this.rng.chance(0.15)) return clinician;
    const admin = this.withFunction('REFERRING_CLINICIAN_ADMIN')[0];
    return {
      ...clinician,
      businessFunction: 'REFERRING_CLINICIAN_ADMIN',
      userId: admin.userId,
      onBehalfOfUserId: referral.requesterUserId,
    };
  }

  /**
   * A020 Upload file to document store: a synthetic file for the request (`ubrn`; none for a
   * request not yet made), returned as the DocumentReference the write that attaches it takes.
   */
  private uploadFile(ubrn: string | undefined, at: string, actor: Actor, kind: FileKind, type: AttachmentType): Json {
    const rng = this.rng;
    const contentType = contentTypeOf(rng, kind);
    const description = FILE_DESCRIPTIONS[kind];
    const lines = [
      'SYNTHETIC TEST DATA - not a real patient record.',
      `${description} for request ${ubrn ?? '(new advice and guidance request)'}.`,
      `Attached by user ${actor.userId} at ${actor.odsCode} on ${at.slice(0, 10)}.`,
    ];
    const bytes =
      contentType === 'application/pdf'
        ? pdfFile(lines)
        : contentType === 'text/rtf'
          ? rtfFile(lines)
          : contentType === 'image/png'
            ? pngFile([rng.int(120, 255), rng.int(60, 200), rng.int(60, 200)])
            : textFile(lines);
    this.fileCounter++;
    const fileName = `${FILE_BASE_NAMES[kind]}-${this.fileCounter}.${FILE_EXTENSIONS[contentType]}`;
    const upload = replayed(
      'A020 upload file',
      uploadFile(seedContext(this.world, at, actor), { fileName, contentType, bytes, referralId: ubrn }),
    );
    return documentReference(upload.location, type, description, at);
  }

  /**
   * Runs a write that attaches uploaded files, then draws the document store's virus scan outcome
   * for each file it attached (e-RS scans files after they are attached).
   */
  private scanned<T>(write: () => T): T {
    const before = this.world.attachments.length;
    const result = write();
    for (const attachment of this.world.attachments.slice(before)) {
      attachment.availability = this.rng.weighted<AttachmentAvailability>([
        ['AVAILABLE', 82],
        ['PENDING', 7],
        ['THREATS_FOUND', 5],
        ['VALIDATION_FAILED', 6],
      ]);
    }
    return result;
  }

  /** Makes sure every availability status occurs at least once, whatever the seed. */
  private ensureEveryAvailability(): void {
    const statuses: AttachmentAvailability[] = ['PENDING', 'THREATS_FOUND', 'VALIDATION_FAILED'];
    statuses.forEach((status, i) => {
      if (this.attachments.some((a) => a.availability === status)) return;
      const candidates = this.attachments.filter((a) => a.availability === 'AVAILABLE' && a.owner.kind === 'ReferralRequest');
      candidates[(i * 7) % candidates.length].availability = status;
    });
  }

  // --- pathways and advice and guidance ----------------------------------------------------

  /**
   * The earlier referral an onward referral in `state` continues (same patient, same pathway): one
   * whose last version is before `createdAt`, each continued once, ~15 in all.
   */
  private previousOfPathway(state: ReferralState, createdAt: string): Referral | undefined {
    if (this.pathwayLinks.size >= 15 || !ONWARD_STATES.has(state)) return undefined;
    const earlier = this.world.referrals.find(
      (r) => PATHWAY_PREVIOUS_STATES.has(r.state) && !this.pathwayLinks.has(r.ubrn) && r.recordedAt < createdAt,
    );
    if (earlier) this.pathwayLinks.add(earlier.ubrn);
    return earlier;
  }

  /**
   * ~30 A&G conversations, each replayed from its request: A044 creates it, A026 answers (asking
   * for more information or giving advice), the referrer sends the information asked for or ends
   * the conversation (outside the API), and A027 converts six into referrals the provider's admin
   * team will book (TRIAGED_PROVIDER_TO_ACTION, the last UBRNs of the referral range).
   */
  private buildAdviceAndGuidance(): void {
    const rng = this.rng;
    const plans: Array<[AdviceAndGuidanceStatus, AdviceStep[][]]> = [
      ['PROVIDER_RESPONSE_REQUIRED', [[], ['askMore', 'inform']]],
      ['REFERRER_TO_SUBMIT_FURTHER_INFORMATION', [['askMore']]],
      ['REFERRER_TO_REVIEW_RESPONSE', [['advise'], ['askMore', 'inform', 'advise']]],
      ['CONVERSATION_ENDED_CANCELLED', [['cancel'], ['askMore', 'cancel']]],
      [
        'CONVERSATION_ENDED_CLOSED',
        [
          ['advise', 'close'],
          ['askMore', 'inform', 'advise', 'close'],
        ],
      ],
      ['ADVICE_CONVERTED', [['convert'], ['askMore', 'inform', 'convert']]],
    ];
    const counts: Record<AdviceAndGuidanceStatus, number> = {
      PROVIDER_RESPONSE_REQUIRED: 6,
      REFERRER_TO_SUBMIT_FURTHER_INFORMATION: 4,
      REFERRER_TO_REVIEW_RESPONSE: 6,
      CONVERSATION_ENDED_CANCELLED: 3,
      CONVERSATION_ENDED_CLOSED: 5,
      ADVICE_CONVERTED: CONVERTED_ADVICE,
    };
    for (const [category, variants] of plans) {
      for (let n = 0; n < counts[category]; n++) {
        const steps = rng.pick(variants);
        const specialty = rng.pick(SERVICE_SPECIALTIES);
        const service = this.specialtyServices(specialty).adviceAndGuidance;
        const patient = rng.pick(this.patients);
        const requester = rng.pick(this.withFunction('REFERRING_CLINICIAN'));
        const responder = rng.pick(this.withFunction('SERVICE_PROVIDER_CLINICIAN'));
        const priority = rng.weighted<PriorityCode>([
          ['ROUTINE', 80],
          ['URGENT', 20],
        ]);
        // Asked during working hours 2 to 90 days ago; every later step fits before the anchor.
        let clock = startOfDay(this.anchorMs - rng.int(2, 90) * DAY) + rng.int(8 * 60, 17 * 60) * MINUTE + rng.int(0, 59_999);
        const stepMinutes = Math.max(1, Math.floor(Math.min(3 * 24 * 60, (this.anchorMs - HOUR - clock) / MINUTE / steps.length)));
        const next = (): string => {
          clock += rng.int(Math.min(4 * 60, stepMinutes), stepMinutes) * MINUTE;
          return iso(clock);
        };

        const referrer = referringClinician(requester.userId, requester.odsCode);
        const provider: Actor = {
          side: 'PROVIDER',
          odsCode: responder.odsCode,
          businessFunction: 'SERVICE_PROVIDER_CLINICIAN',
          userId: responder.userId,
        };
        const authorised = category === 'ADVICE_CONVERTED' || rng.chance(0.6);
        const request = this.replayCreateAdvice(iso(clock), referrer, {
          patientNhsNumber: patient.nhsNumber,
          serviceId: service.id,
          criteria: { priority, specialty, ageAndGenderAppropriate: true },
          authorised,
        });
        for (const step of steps) {
          const at = next();
          if (step === 'askMore' || step === 'advise') this.replayAdviceResponse(request, at, provider, step);
          else if (step === 'inform') this.replayFurtherInformation(request, at, referrer);
          else if (step === 'convert') this.replayConversion(request, at, provider);
          else {
            replayed(
              `ending the A&G conversation (${step})`,
              endAdviceConversation(seedContext(this.world, at, referrer), {
                ubrn: request.ubrn,
                outcome: step === 'close' ? 'CLOSED' : 'CANCELLED',
              }),
            );
          }
        }
        if (request.category !== category) throw new Error(`Seed A&G request ${request.ubrn} ended ${request.category}, not ${category}`);
      }
    }
  }

  /** A020 uploads for the conversation's next message: half the referrer's messages carry a file, a third of the provider's. */
  private adviceFiles(ubrn: string | undefined, at: string, actor: Actor): Json[] {
    const referrer = actor.side === 'REFERRER';
    return this.rng.chance(referrer ? 0.5 : 0.3)
      ? [this.uploadFile(ubrn, at, actor, 'advice', referrer ? 'ADVICE_REQUEST' : 'GUIDANCE_RESPONSE')]
      : [];
  }

  /** A044 Create an advice and guidance request to one A&G service. */
  private replayCreateAdvice(
    at: string,
    referrer: Actor,
    request: { patientNhsNumber: string; serviceId: string; criteria: SearchCriteria; authorised: boolean },
  ): AdviceAndGuidanceRequest {
    const files = this.adviceFiles(undefined, at, referrer);
    const body = parametersBody('eRS-CreateAdviceAndGuidance-Request-Parameters-1', [
      identifierParameter('patient', NHS_NUMBER_SYSTEM, request.patientNhsNumber),
      codingParameter(
        'providerConversionAuthorisation',
        'eRS-ProviderConversionAuthorisation-1',
        request.authorised ? 'AUTHORISED_TO_CONVERT' : 'NOT_AUTHORISED_TO_CONVERT',
      ),
      resourceParameter('shortlist', shortlistResource([request.serviceId], request.criteria)),
      stringParameter('request', this.rng.pick(ADVICE_QUESTIONS)),
      ...files.map((file) => resourceParameter('requestAttachmentFile', file)),
    ]);
    return this.scanned(() => replayed('A044 create A&G request', createAdviceAndGuidance(seedContext(this.world, at, referrer), body)))
      .request;
  }

  /** A026 Send A&G response: the provider asks for more information, or returns the request with advice. */
  private replayAdviceResponse(request: AdviceAndGuidanceRequest, at: string, provider: Actor, step: 'askMore' | 'advise'): void {
    const files = this.adviceFiles(request.ubrn, at, provider);
    const body = parametersBody('eRS-SendCommunicationToRequester-Request-Parameters-1', [
      codingParameter(
        'guidanceOutcome',
        'eRS-GuidanceResponseOutcome-1',
        step === 'askMore' ? 'REQUIRE_FURTHER_INFORMATION' : 'RETURN_TO_REFERRER_WITH_ADVICE',
      ),
      step === 'advise'
        ? codingParameter(
            'guidanceIntendedRecommendation',
            'eRS-GuidanceIntendedRecommendation-1',
            this.rng.pick(['ADVICE_ONLY_NO_REFERRAL_RECOMMENDED', 'ADVICE_FOLLOWED_BY_REFERRAL_IF_REQUIRED', 'REFERRAL_RECOMMENDED']),
          )
        : undefined,
      stringParameter('guidance', this.rng.pick(step === 'askMore' ? ADVICE_FOLLOW_UP_QUESTIONS : ADVICE_ANSWERS)),
      codingParameter('updatedPriority', 'eRS-Priority-1', request.priority),
      ...files.map((file) => resourceParameter('guidanceAttachmentFile', file)),
    ]);
    this.scanned(() =>
      replayed(
        'A026 send A&G response',
        sendCommunicationToRequester(seedContext(this.world, at, provider), {
          ubrn: request.ubrn,
          ifMatch: `W/"${request.versionId}"`,
          body,
        }),
      ),
    );
  }

  /** The referrer sends the further information asked for (outside the API). */
  private replayFurtherInformation(request: AdviceAndGuidanceRequest, at: string, referrer: Actor): void {
    const files = this.adviceFiles(request.ubrn, at, referrer);
    const binaryIds = files.map(binaryIdOf);
    this.scanned(() =>
      replayed(
        'A&G further information',
        submitFurtherInformation(seedContext(this.world, at, referrer), {
          ubrn: request.ubrn,
          text: this.rng.pick(ADVICE_FURTHER_INFORMATION),
          binaryIds,
        }),
      ),
    );
  }

  /** A027 Convert A&G to referral: a new referral the provider's admin team will book (TRIAGED_PROVIDER_TO_ACTION). */
  private replayConversion(request: AdviceAndGuidanceRequest, at: string, provider: Actor): void {
    const files = this.adviceFiles(request.ubrn, at, provider);
    const body = parametersBody('eRS-CreateFromCommunicationRequestActionLater-Request-Parameters-1', [
      { name: 'createFrom', valueReference: { reference: `CommunicationRequest/${request.ubrn}/_history/${request.versionId}` } },
      stringParameter('guidance', this.rng.pick(ADVICE_ANSWERS)),
      codingParameter('newReferralPriority', 'eRS-Priority-1', request.priority),
      stringParameter('reviewComments', this.rng.pick(CONVERSION_COMMENTS)),
      ...files.map((file) => resourceParameter('guidanceAttachmentFile', file)),
    ]);
    this.scanned(() => replayed('A027 convert A&G to referral', convertAdviceToReferral(seedContext(this.world, at, provider), body)));
  }
}

/** The id of the A020 upload a DocumentReference points at (content[0].attachment.url Binary/<id>). */
function binaryIdOf(file: Json): string {
  return /^Binary\/(.+)$/.exec(file.content[0].attachment.url as string)![1];
}

function isTriagePath(state: ReferralState): boolean {
  return state === 'AWAITING_TRIAGE' || state === 'TRIAGE_RESPONSE';
}

const FILE_EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'text/rtf': 'rtf', 'text/plain': 'txt', 'image/png': 'png' };

/** The kinds of synthetic file the seed attaches. */
type FileKind = 'letter' | 'results' | 'photo' | 'response' | 'advice';
const FILE_BASE_NAMES: Record<FileKind, string> = {
  letter: 'referral-letter',
  results: 'blood-results',
  photo: 'clinical-photo',
  // e-RS keeps a file's name as uploaded: names with accents come back in A042's filename*.
  response: 'lettre-médecin',
  advice: 'advice-notes',
};
const FILE_DESCRIPTIONS: Record<FileKind, string> = {
  letter: 'Referral letter',
  results: 'Blood test results',
  photo: 'Clinical photograph',
  response: 'Provider response letter',
  advice: 'Supporting notes',
};

/** A file's content type: photographs are PNG, letters mostly PDF, other documents PDF or plain text. */
function contentTypeOf(rng: Rng, kind: FileKind): string {
  if (kind === 'photo') return 'image/png';
  if (kind === 'letter') {
    return rng.weighted([
      ['application/pdf', 70],
      ['text/rtf', 15],
      ['text/plain', 15],
    ]);
  }
  return rng.weighted([
    ['application/pdf', 60],
    ['text/plain', 40],
  ]);
}

/** States of a referral an onward referral can continue, and the states onward referrals are in. */
const PATHWAY_PREVIOUS_STATES = new Set<ReferralState>(['ASSESSMENT_RESULT', 'TRIAGE_RESPONSE', 'DID_NOT_ATTEND']);
const ONWARD_STATES = new Set<ReferralState>(['NOT_BOOKED', 'BOOKED', 'AWAITING_TRIAGE', 'DEFERRED_TO_PROVIDER']);

function labelOf(type: AppointmentType): string {
  const labels: Partial<Record<AppointmentType, string>> = {
    NURSE_CLINIC: 'Nurse Clinic',
    DIAGNOSTIC: 'Diagnostics',
    DAY_CASE: 'Day Case Unit',
    AHP_CLINIC: 'Therapy Clinic',
  };
  return labels[type] ?? 'Clinic';
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** A weekday clinic time on the day of `ms`: 09:00 plus `slot` quarter hours. */
function atClinicTime(ms: number, slot: number): number {
  const day = new Date(ms);
  day.setUTCHours(9, 0, 0, 0);
  // Clinics run Monday to Friday: move weekend dates to the next Monday.
  const weekday = day.getUTCDay();
  const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
  return day.getTime() + shift * DAY + slot * 15 * MINUTE;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

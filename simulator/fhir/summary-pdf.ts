/**
 * The generated PDFs: the clinical referral information summary (A007), the patient letter (A019)
 * and the advice and guidance overview (A043). Small, valid one-page PDFs built from the world's
 * synthetic data.
 */
import { createHash } from 'node:crypto';
import { pdfFile } from '../data/files';
import {
  findAttachment,
  findPractitioner,
  findService,
  REFERRAL_STATE_DISPLAY,
  type AdviceAndGuidanceRequest,
  type Referral,
  type World,
} from '../data/world';

const MAX_LINES = 44;

function personName(world: World, userId: string): string {
  const p = findPractitioner(world, userId);
  return p ? `${p.title} ${p.givenName} ${p.familyName} (${userId})` : userId;
}

function patientLines(world: World, nhsNumber: string): string[] {
  const patient = world.patients.find((p) => p.nhsNumber === nhsNumber);
  return patient
    ? [`Patient: ${patient.givenName} ${patient.familyName.toUpperCase()}  NHS number ${nhsNumber}  born ${patient.birthDate}`]
    : [`Patient NHS number: ${nhsNumber}`];
}

/** A007: the clinical information summary of a referral's current version. */
export function clinicalInformationPdf(world: World, referral: Referral): Buffer {
  const lines = [
    'e-Referral Service - Clinical Referral Information (SYNTHETIC TEST DATA)',
    `UBRN: ${referral.ubrn}   Version: ${referral.versionId}`,
    ...patientLines(world, referral.patientNhsNumber),
    `Priority: ${referral.priority}   Specialty: ${referral.specialty}${referral.clinicType ? `   Clinic type: ${referral.clinicType}` : ''}`,
    `Referrer: ${personName(world, referral.requesterUserId)} at ${referral.referrerOdsCode}`,
    `Created: ${referral.createdAt}   State: ${REFERRAL_STATE_DISPLAY[referral.state]}`,
    referral.clinicalInfoFirstSubmitted
      ? `Clinical information first submitted: ${referral.clinicalInfoFirstSubmitted}`
      : 'Clinical information: none submitted yet',
    ...(referral.clinicalInfoLastUpdated ? [`Clinical information last updated: ${referral.clinicalInfoLastUpdated}`] : []),
    ...(referral.stateComment ? [`Comment: ${referral.stateComment}`] : []),
    'Attachments:',
    ...referral.attachmentIds.map((id) => {
      const a = findAttachment(world, id);
      return a ? `  - ${a.title} (${a.contentType}, ${a.availability})` : `  - ${id}`;
    }),
  ];
  return pdfFile(lines.slice(0, MAX_LINES));
}

/**
 * A019: the letter the referrer hands the patient: the booking reference (UBRN), a synthetic
 * password for the patient's online booking, and what to do next for the referral's state. It
 * deliberately carries no patient identifiers or clinical details (the letter travels by hand or post).
 */
export function patientLetterPdf(world: World, referral: Referral): Buffer {
  const service = (id: string): string => findService(world, id)?.name ?? `Service ${id}`;
  const ubrn = referral.ubrn.replace(/(\d{4})(?=\d)/g, '$1 ');
  const lines = [
    'NHS e-Referral Service - Your referral (SYNTHETIC TEST DATA)',
    '',
    `Booking reference number: ${ubrn}`,
    `Password: ${patientPassword(world, referral.ubrn)}`,
    '',
    ...nextSteps(referral, service),
    '',
    'Keep this letter: you need the booking reference number and password to book, change or cancel online',
    'or by telephone. If your symptoms get worse, contact your GP practice.',
  ];
  return pdfFile(lines.slice(0, MAX_LINES));
}

function nextSteps(referral: Referral, service: (id: string) => string): string[] {
  const appointment = referral.appointment;
  switch (referral.state) {
    case 'BOOKED':
      return appointment?.start
        ? [
            `Your appointment at ${service(appointment.serviceId)} is booked for ${appointment.start.slice(0, 16).replace('T', ' ')} (UTC).`,
            'To change or cancel it, use the booking reference number and password.',
          ]
        : [
            `Your appointment request has been sent to ${appointment ? service(appointment.serviceId) : 'the service'}.`,
            'The service will contact you with the date and time.',
          ];
    case 'AWAITING_TRIAGE':
    case 'DEFERRED_TO_PROVIDER':
    case 'TRIAGED_PROVIDER_TO_ACTION':
    case 'ASSESSMENT_RESULT':
      return [
        `Your referral has been sent to ${appointment ? service(appointment.serviceId) : 'the service'}.`,
        'You do not need to book: the service will contact you about what happens next.',
      ];
    default:
      return [
        'Please book your appointment online at www.nhs.uk/referral (synthetic) or call the appointment line,',
        'using the booking reference number and password above. You can choose from:',
        ...referral.shortlist.map((id) => `  - ${service(id)}`),
      ];
  }
}

/** A stable synthetic password for the patient's online booking (e-RS issues one per referral). */
function patientPassword(world: World, ubrn: string): string {
  return createHash('sha256').update(`${world.seed}:password:${ubrn}`).digest('hex').slice(0, 8);
}

/** A043: the overview of an advice and guidance request including its conversation. */
export function adviceOverviewPdf(world: World, request: AdviceAndGuidanceRequest): Buffer {
  const service = findService(world, request.serviceId);
  const lines = [
    'e-Referral Service - Advice and Guidance Overview (SYNTHETIC TEST DATA)',
    `UBRN: ${request.ubrn}   Version: ${request.versionId}   Status: ${request.category}`,
    ...patientLines(world, request.patientNhsNumber),
    `Service: ${service?.name ?? request.serviceId}   Specialty: ${request.specialty}   Priority: ${request.priority}`,
    `Requested by: ${personName(world, request.requesterUserId)} at ${request.referrerOdsCode} on ${request.createdAt}`,
    'Conversation:',
    ...request.messages.flatMap((m) => [
      `  ${m.sentAt} ${m.direction === 'REFERRER_TO_PROVIDER' ? 'Referrer' : 'Provider'} ${personName(world, m.authorUserId)}:`,
      `    ${m.text}`,
    ]),
  ];
  return pdfFile(lines.slice(0, MAX_LINES));
}

/** YYYYMMDDHHMMSS, as e-RS stamps generated file names. */
export function fileStamp(at: Date = new Date()): string {
  return at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

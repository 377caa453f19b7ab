/**
 * The generated PDFs: the clinical referral information summary (A007) and the advice and
 * guidance overview (A043). Small, valid one-page PDFs built from the world's synthetic data.
 */
import { pdfFile } from '../data/files';
import { findAttachment, findPractitioner, findService, REFERRAL_STATE_DISPLAY, type AdviceAndGuidanceRequest, type Referral, type World } from '../data/world';

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
    referral.clinicalInfoFirstSubmitted ? `Clinical information first submitted: ${referral.clinicalInfoFirstSubmitted}` : 'Clinical information: none submitted yet',
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
    ...request.messages.flatMap((m) => [`  ${m.sentAt} ${m.direction === 'REFERRER_TO_PROVIDER' ? 'Referrer' : 'Provider'} ${personName(world, m.authorUserId)}:`, `    ${m.text}`]),
  ];
  return pdfFile(lines.slice(0, MAX_LINES));
}

/** YYYYMMDDHHMMSS, as e-RS stamps generated file names. */
export function fileStamp(at: Date = new Date()): string {
  return at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

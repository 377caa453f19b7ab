import { ErsClient, ErsResponse } from './client';
import { assertIdentifier, UBRN, VERSION } from '../../schema/scalars';

/**
 * The includes A025 is asked for: the requester's and the sender's PractitionerRole and the
 * attached DocumentReferences. "Suppliers must request includes they rely on": the default may
 * change. The sender include is spelt as the spec's enum spells it ("PractionerRole").
 */
export const CONVERSATION_INCLUDES = [
  'Communication:requester-practitionerrole:PractitionerRole',
  'Communication:sender-practitionerrole:PractionerRole',
  'Communication:content-reference:DocumentReference',
] as const;

/**
 * A025: the conversation of one version of an advice and guidance request
 * (`GET /STU3/Communication?based-on=CommunicationRequest/{ubrn}/_history/{version}&_include=...`).
 * e-RS needs the request's current version, as A024 returns it.
 */
export function fetchAdviceAndGuidanceConversation(ers: ErsClient, ubrn: string, version: string): Promise<ErsResponse> {
  assertIdentifier(UBRN, ubrn, 'ubrn');
  assertIdentifier(VERSION, version, 'version');
  return ers.read('A025', '/STU3/Communication', {
    'based-on': `CommunicationRequest/${ubrn}/_history/${version}`,
    _include: [...CONVERSATION_INCLUDES],
  });
}

import { registerEnumType } from 'type-graphql';

/** The FHIR status of an A&G request (CommunicationRequest.status: active, cancelled, completed). */
export enum AdviceAndGuidanceRequestStatus {
  ACTIVE = 'active',
  CANCELLED = 'cancelled',
  COMPLETED = 'completed',
}

registerEnumType(AdviceAndGuidanceRequestStatus, {
  name: 'AdviceAndGuidanceRequestStatus',
  description: 'The status of an A&G request as a FHIR CommunicationRequest (`conversationStatus` says where the conversation is).',
  valuesConfig: {
    ACTIVE: { description: 'The conversation is open.' },
    CANCELLED: { description: 'The referrer cancelled the request.' },
    COMPLETED: { description: 'The conversation ended (closed, or converted to a referral).' },
  },
});

/** Where an A&G conversation is (eRS-AdviceAndGuidanceStatus-1): on the request and on A&G worklist items. */
export enum AdviceAndGuidanceConversationStatus {
  PROVIDER_RESPONSE_REQUIRED = 'PROVIDER_RESPONSE_REQUIRED',
  REFERRER_TO_SUBMIT_FURTHER_INFORMATION = 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION',
  REFERRER_TO_REVIEW_RESPONSE = 'REFERRER_TO_REVIEW_RESPONSE',
  CONVERSATION_ENDED_CANCELLED = 'CONVERSATION_ENDED_CANCELLED',
  CONVERSATION_ENDED_CLOSED = 'CONVERSATION_ENDED_CLOSED',
  ADVICE_CONVERTED = 'ADVICE_CONVERTED',
}

registerEnumType(AdviceAndGuidanceConversationStatus, {
  name: 'AdviceAndGuidanceConversationStatus',
  description: 'Where an Advice and Guidance conversation is, and whose turn it is (eRS-AdviceAndGuidanceStatus-1).',
  valuesConfig: {
    PROVIDER_RESPONSE_REQUIRED: { description: 'Provider response required.' },
    REFERRER_TO_SUBMIT_FURTHER_INFORMATION: { description: 'The provider asked the referrer for further information.' },
    REFERRER_TO_REVIEW_RESPONSE: { description: 'The provider responded; the referrer reviews the response.' },
    CONVERSATION_ENDED_CANCELLED: { description: 'Conversation ended: cancelled by the referrer.' },
    CONVERSATION_ENDED_CLOSED: { description: 'Conversation ended: closed.' },
    ADVICE_CONVERTED: { description: 'The request was converted to a referral.' },
  },
});

/** Which side sent an A&G message (eRS-CommunicationSentBy-1). */
export enum CommunicationSentBy {
  REQUESTER = 'REQUESTER',
  RESPONDER = 'RESPONDER',
  REFERRER_CLINICAL_INFORMATION_UPDATED = 'REFERRER_CLINICAL_INFORMATION_UPDATED',
}

registerEnumType(CommunicationSentBy, {
  name: 'CommunicationSentBy',
  description: 'Which side sent an Advice and Guidance message (eRS-CommunicationSentBy-1).',
  valuesConfig: {
    REQUESTER: { description: 'The referrer who asked for advice.' },
    RESPONDER: { description: 'The provider giving advice.' },
    REFERRER_CLINICAL_INFORMATION_UPDATED: { description: 'The referrer updated the clinical information (a system message).' },
  },
});

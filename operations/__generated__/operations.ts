/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Where an Advice and Guidance conversation is, and whose turn it is (eRS-AdviceAndGuidanceStatus-1). */
export type AdviceAndGuidanceConversationStatus =
  /** The request was converted to a referral. */
  | 'ADVICE_CONVERTED'
  /** Conversation ended: cancelled by the referrer. */
  | 'CONVERSATION_ENDED_CANCELLED'
  /** Conversation ended: closed. */
  | 'CONVERSATION_ENDED_CLOSED'
  /** Provider response required. */
  | 'PROVIDER_RESPONSE_REQUIRED'
  /** The provider responded; the referrer reviews the response. */
  | 'REFERRER_TO_REVIEW_RESPONSE'
  /** The provider asked the referrer for further information. */
  | 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION';

/** The FHIR status of an appointment. */
export type AppointmentStatus =
  /** The patient has arrived. */
  | 'ARRIVED'
  /** A date and time is booked. */
  | 'BOOKED'
  /** The appointment was cancelled. */
  | 'CANCELLED'
  /** The appointment was recorded by mistake. */
  | 'ENTERED_IN_ERROR'
  /** The appointment took place. */
  | 'FULFILLED'
  /** The patient did not attend. */
  | 'NOSHOW'
  /** Some participants have not yet confirmed. */
  | 'PENDING'
  /** Not booked yet: e.g. deferred to the provider to arrange. */
  | 'PROPOSED';

/** Whether an attachment can be downloaded yet (only AVAILABLE files can be). */
export type AttachmentAvailability =
  /** The file is available for download. */
  | 'AVAILABLE'
  /** The file is still being scanned and cannot be retrieved. Wait at least 5 minutes before checking again. */
  | 'PENDING'
  /** The file was quarantined after a threat was detected. Contact the organisation that attached it (attachedByOdsCode). */
  | 'THREATS_FOUND'
  /** The file failed validation (unsupported or mismatched content type, or too large). Contact the organisation that attached it. */
  | 'VALIDATION_FAILED';

/** A file uploaded with POST /attachments (its `url`, "Binary/…"). */
export type AttachmentReferenceInput = {
  /** What the file is, as the recipient will see it. */
  description?: string | null | undefined;
  /** When the document was made, sent to e-RS as its DocumentReference `indexed` (e.g. a letter written before it was uploaded); not in the future. Left out: when the request is sent. e-RS records its own time of attaching (`Attachment.attachedAt`). */
  indexedAt?: string | null | undefined;
  /** The `url` POST /attachments returned, e.g. "Binary/19eb7224-…". */
  url: string;
};

/** Which side sent an Advice and Guidance message (eRS-CommunicationSentBy-1). */
export type CommunicationSentBy =
  /** The referrer updated the clinical information (a system message). */
  | 'REFERRER_CLINICAL_INFORMATION_UPDATED'
  /** The referrer who asked for advice. */
  | 'REQUESTER'
  /** The provider giving advice. */
  | 'RESPONDER';

/** Convert an A&G request into a referral (e-RS A027). */
export type ConvertAdviceAndGuidanceInput = {
  /** Final guidance to the referrer (up to 8000 characters). */
  guidance: string;
  /** Files for the referrer, with the guidance (uploaded with POST /attachments). */
  guidanceAttachments?: Array<AttachmentReferenceInput> | null | undefined;
  /** Retry safety. */
  idempotencyKey?: string | null | undefined;
  /** The new referral’s priority. */
  priority: ReferralPriority;
  /** Files for the new referral, e.g. its referral letter (uploaded with POST /attachments). */
  referralAttachments?: Array<AttachmentReferenceInput> | null | undefined;
  /** What the provider’s admin team should do with the new referral. */
  reviewComment: string;
  /** The A&G request. */
  ubrn: string;
  /** AdviceAndGuidanceRequest.version as the user saw it. */
  version: string;
};

/** Record the outcome of triaging a referral (e-RS A028). */
export type RecordTriageOutcomeInput = {
  /** Files for the referrer or the admin team, uploaded with POST /attachments (with this UBRN as referralId). */
  attachments?: Array<AttachmentReferenceInput> | null | undefined;
  /** Advice to the referrer, or instructions to the admin team (up to 2000 characters). */
  comment: string;
  /** Retry safety: the same key with the same input within 24 h returns the first result without acting again (or send the Idempotency-Key header). */
  idempotencyKey?: string | null | undefined;
  /** The outcome. */
  outcome: TriageOutcome;
  /** A new priority for the referral (not with RETURN_TO_REFERRER_WITH_ADVICE). */
  priority?: ReferralPriority | null | undefined;
  /** The referral. */
  ubrn: string;
  /** Referral.version as the user saw it; a stale one fails with CONFLICT and the current version. */
  version: string;
};

/** An action the current user may perform on a referral right now, as e-RS reports it. The list is transient: it depends on the user, their role and the referral version, so it is never cached. */
export type ReferralAction =
  /** Referrer: cancel the appointment booked at a directly bookable service. */
  | 'CANCEL_DIRECTLY_BOOKED_APPOINTMENT'
  /** Referrer or provider: cancel the referral (A036). */
  | 'CANCEL_REFERRAL'
  /** Referrer: change the shortlist of services (A031). */
  | 'CHANGE_SHORTLIST'
  /** Referrer: change the shortlist and send the referral to a triage service (A032). */
  | 'CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE'
  /** Referrer: book an appointment at a shortlisted service, defer booking to the service, or send for triage (A016). */
  | 'CREATE_APPOINTMENT'
  /** Provider: record the outcome of reviewing (triaging) the referral (A028). */
  | 'RECORD_REVIEW_OUTCOME';

/** The priority of a referral or A&G request (eRS-Priority-1; the PRIORITY code system of A004 has the same codes). */
export type ReferralPriority =
  /** Routine. */
  | 'ROUTINE'
  /** 2 Week Wait (suspected cancer). */
  | 'TWO_WEEK_WAIT'
  /** Urgent. */
  | 'URGENT';

/** The e-RS "at a glance" state of a referral. */
export type ReferralState =
  /** The referral's most recent appointment was cancelled at the request of, or directly by, the patient. */
  | 'APPT_CANCELLED_BY_PATIENT'
  /** The referral's most recent appointment was cancelled by the service provider. */
  | 'APPT_CANCELLED_BY_PROVIDER'
  /** A service provider has reviewed and drafted, or submitted, a clinical assessment for the referral. */
  | 'ASSESSMENT_RESULT'
  /** The triage referral is pending review with a service provider. */
  | 'AWAITING_TRIAGE'
  /** The referral's appointment has a date and time with a service. */
  | 'BOOKED'
  /** The referral has been cancelled and cannot be progressed any further. */
  | 'CANCELLED_REFERRAL'
  /** The service provider will arrange the patient's appointment. */
  | 'DEFERRED_TO_PROVIDER'
  /** The patient did not attend their last appointment. */
  | 'DID_NOT_ATTEND'
  /** The referral is not booked: there is no planned patient encounter. */
  | 'NOT_BOOKED'
  /** The referral was rejected by a provider at their service. */
  | 'REJECTED'
  /** The service provider has recorded a review decision, intending to process this referral. */
  | 'TRIAGED_PROVIDER_TO_ACTION'
  /** A service has passed the referral back to the referrer, with advice. */
  | 'TRIAGE_RESPONSE';

/** The outcome of triaging a referral (eRS-ReviewOutcome-1, as A028 supports it). */
export type TriageOutcome =
  /** Accept; the provider’s admin team books later (state TRIAGED_PROVIDER_TO_ACTION). */
  | 'ACCEPT_REFER_BOOK_LATER'
  /** Return the referral to the referrer with advice (state TRIAGE_RESPONSE). */
  | 'RETURN_TO_REFERRER_WITH_ADVICE';

export type AdviceAndGuidanceConversationQueryVariables = Exact<{
  ubrn: string;
}>;

export type AdviceAndGuidanceConversationQuery = {
  adviceAndGuidance: {
    id: string;
    version: string;
    conversationStatus: AdviceAndGuidanceConversationStatus | null;
    conversionAuthorised: boolean | null;
    priority: ReferralPriority | null;
    specialty: { code: string; display: string | null } | null;
    conversation: Array<{
      id: string;
      sentAt: string | null;
      sentBy: CommunicationSentBy | null;
      text: string | null;
      author: { userId: string | null; odsCode: string | null } | null;
      attachments: Array<{ id: string | null; title: string | null; availability: AttachmentAvailability | null }>;
    }> | null;
  } | null;
};

export type ConvertAdviceAndGuidanceToReferralMutationVariables = Exact<{
  input: ConvertAdviceAndGuidanceInput;
}>;

export type ConvertAdviceAndGuidanceToReferralMutation = {
  convertAdviceAndGuidanceToReferral: {
    referral: {
      id: string;
      version: string;
      priority: ReferralPriority | null;
      convertedFromAdviceAndGuidanceUbrn: string | null;
      state: { state: ReferralState | null; reason: { code: string } | null } | null;
    };
    adviceAndGuidance: { id: string; version: string; conversationStatus: AdviceAndGuidanceConversationStatus | null };
  } | null;
};

export type BookingScreenQueryVariables = Exact<{
  ubrn: string;
  serviceId: string;
  after?: string | null | undefined;
}>;

export type BookingScreenQuery = {
  referral: {
    id: string;
    version: string;
    priority: ReferralPriority | null;
    shortlist: Array<{ id: string; name: string | null; directlyBookable: boolean | null } | null> | null;
    slots: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: { id: string; start: string | null; end: string | null } }>;
    } | null;
  } | null;
};

export type BookMutationVariables = Exact<{
  ubrn: string;
  version: string;
  service: string;
  slot: string;
  idempotencyKey?: string | null | undefined;
}>;

export type BookMutation = {
  bookAppointment: {
    appointment: { start: string | null; end: string | null; status: AppointmentStatus | null } | null;
    referral: { version: string; availableActions: Array<ReferralAction> | null; state: { state: ReferralState | null } | null };
  } | null;
};

export type ReferralWithServicesQueryVariables = Exact<{
  ubrn: string;
}>;

export type ReferralWithServicesQuery = {
  referral: {
    ubrn: string;
    version: string;
    priority: ReferralPriority | null;
    patientNhsNumber: string | null;
    state: { state: ReferralState | null; comment: string | null; reason: { code: string; display: string | null } | null } | null;
    specialty: { code: string; display: string | null } | null;
    clinicTypes: Array<{ code: string; display: string | null }>;
    shortlist: Array<{ id: string; name: string | null; directlyBookable: boolean | null } | null> | null;
    bookedService: { id: string; name: string | null } | null;
    appointmentSummary: { start: string | null; end: string | null; status: AppointmentStatus | null } | null;
    attachments: Array<{ title: string | null; contentType: string | null; availability: AttachmentAvailability | null }>;
  } | null;
};

export type ReferralDetailQueryVariables = Exact<{
  ubrn: string;
}>;

export type ReferralDetailQuery = {
  referral: {
    id: string;
    version: string;
    priority: ReferralPriority | null;
    availableActions: Array<ReferralAction> | null;
    state: { state: ReferralState | null; reason: { code: string; display: string | null } | null } | null;
    specialty: { code: string; display: string | null } | null;
    shortlist: Array<{ id: string; name: string | null } | null> | null;
    bookedService: { id: string; name: string | null } | null;
    attachments: Array<{
      id: string | null;
      title: string | null;
      availability: AttachmentAvailability | null;
      downloadUrl: string | null;
    }>;
    appointment: {
      id: string;
      status: AppointmentStatus | null;
      start: string | null;
      end: string | null;
      service: { id: string; name: string | null } | null;
    } | null;
    relatedReferrals: Array<{ id: string; state: { state: ReferralState | null } | null } | null>;
  } | null;
};

export type AcceptMutationVariables = Exact<{
  ubrn: string;
  version: string;
  idempotencyKey?: string | null | undefined;
}>;

export type AcceptMutation = {
  acceptReferral: {
    referral: {
      id: string;
      version: string;
      availableActions: Array<ReferralAction> | null;
      state: { state: ReferralState | null } | null;
    };
  } | null;
};

export type RecordTriageOutcomeMutationVariables = Exact<{
  input: RecordTriageOutcomeInput;
}>;

export type RecordTriageOutcomeMutation = {
  recordTriageOutcome: {
    referral: {
      id: string;
      version: string;
      priority: ReferralPriority | null;
      availableActions: Array<ReferralAction> | null;
      state: { state: ReferralState | null; comment: string | null; reason: { code: string; display: string | null } | null } | null;
    };
  } | null;
};

export type ProviderWorklistScreenQueryVariables = Exact<{
  after?: string | null | undefined;
}>;

export type ProviderWorklistScreenQuery = {
  referralWorklist: {
    totalCount: number | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node:
        | {
            ubrn: string;
            version: string | null;
            priority: ReferralPriority | null;
            referral: {
              patientNhsNumber: string | null;
              availableActions: Array<ReferralAction> | null;
              state: { state: ReferralState | null } | null;
              attachments: Array<{ title: string | null; availability: AttachmentAvailability | null }>;
            } | null;
          }
        | {
            ubrn: string;
            version: string | null;
            priority: ReferralPriority | null;
            referral: {
              patientNhsNumber: string | null;
              availableActions: Array<ReferralAction> | null;
              state: { state: ReferralState | null } | null;
              attachments: Array<{ title: string | null; availability: AttachmentAvailability | null }>;
            } | null;
          }
        | {
            ubrn: string;
            version: string | null;
            priority: ReferralPriority | null;
            referral: {
              patientNhsNumber: string | null;
              availableActions: Array<ReferralAction> | null;
              state: { state: ReferralState | null } | null;
              attachments: Array<{ title: string | null; availability: AttachmentAvailability | null }>;
            } | null;
          }
        | {
            serviceName: string | null;
            pathwayStart: string | null;
            ubrn: string;
            version: string | null;
            priority: ReferralPriority | null;
            specialty: { display: string | null } | null;
            referral: {
              patientNhsNumber: string | null;
              availableActions: Array<ReferralAction> | null;
              state: { state: ReferralState | null } | null;
              attachments: Array<{ title: string | null; availability: AttachmentAvailability | null }>;
            } | null;
          }
        | {
            ubrn: string;
            version: string | null;
            priority: ReferralPriority | null;
            referral: {
              patientNhsNumber: string | null;
              availableActions: Array<ReferralAction> | null;
              state: { state: ReferralState | null } | null;
              attachments: Array<{ title: string | null; availability: AttachmentAvailability | null }>;
            } | null;
          };
    }>;
  } | null;
};

export type CheapWorklistQueryVariables = Exact<{
  after?: string | null | undefined;
}>;

export type CheapWorklistQuery = {
  referralWorklist: {
    totalCount: number | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node:
        | { ubrn: string; priority: ReferralPriority | null; patientNhsNumber: string | null }
        | { ubrn: string; priority: ReferralPriority | null; patientNhsNumber: string | null }
        | { ubrn: string; priority: ReferralPriority | null; patientNhsNumber: string | null }
        | {
            serviceName: string | null;
            pathwayStart: string | null;
            appointmentStart: string | null;
            ubrn: string;
            priority: ReferralPriority | null;
            patientNhsNumber: string | null;
            specialty: { code: string } | null;
          }
        | { ubrn: string; priority: ReferralPriority | null; patientNhsNumber: string | null };
    }>;
  } | null;
};

export const AdviceAndGuidanceConversationDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'AdviceAndGuidanceConversation' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'UBRN' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'adviceAndGuidance' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'ubrn' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                { kind: 'Field', name: { kind: 'Name', value: 'conversationStatus' } },
                { kind: 'Field', name: { kind: 'Name', value: 'conversionAuthorised' } },
                { kind: 'Field', name: { kind: 'Name', value: 'priority' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'specialty' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'display' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'conversation' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'sentAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'sentBy' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'text' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'author' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'odsCode' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'attachments' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'availability' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AdviceAndGuidanceConversationQuery, AdviceAndGuidanceConversationQueryVariables>;
export const ConvertAdviceAndGuidanceToReferralDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ConvertAdviceAndGuidanceToReferral' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ConvertAdviceAndGuidanceInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'convertAdviceAndGuidanceToReferral' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'referral' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'priority' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'state' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'reason' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [{ kind: 'Field', name: { kind: 'Name', value: 'code' } }],
                              },
                            },
                          ],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'convertedFromAdviceAndGuidanceUbrn' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'adviceAndGuidance' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'conversationStatus' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConvertAdviceAndGuidanceToReferralMutation, ConvertAdviceAndGuidanceToReferralMutationVariables>;
export const BookingScreenDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'BookingScreen' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'UBRN' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'serviceId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ServiceId' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'referral' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'ubrn' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                { kind: 'Field', name: { kind: 'Name', value: 'priority' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'shortlist' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'directlyBookable' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'slots' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'serviceId' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'serviceId' } },
                    },
                    { kind: 'Argument', name: { kind: 'Name', value: 'first' }, value: { kind: 'IntValue', value: '10' } },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'after' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'pageInfo' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'edges' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'node' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'start' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'end' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<BookingScreenQuery, BookingScreenQueryVariables>;
export const BookDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'Book' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'UBRN' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'version' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Version' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'service' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ServiceId' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'slot' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'SlotId' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'idempotencyKey' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'bookAppointment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'ubrn' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'version' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'version' } },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'serviceId' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'service' } },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'slotId' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'slot' } },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'idempotencyKey' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'idempotencyKey' } },
                    },
                  ],
                },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'appointment' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'start' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'end' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'referral' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'state' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'state' } }] },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'availableActions' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<BookMutation, BookMutationVariables>;
export const ReferralWithServicesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ReferralWithServices' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'UBRN' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'referral' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'ubrn' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ubrn' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'state' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'reason' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'display' } },
                          ],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'comment' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'priority' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'specialty' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'display' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'clinicTypes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'display' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'patientNhsNumber' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'shortlist' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'directlyBookable' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'bookedService' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'appointmentSummary' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'start' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'end' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'attachments' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'contentType' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'availability' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReferralWithServicesQuery, ReferralWithServicesQueryVariables>;
export const ReferralDetailDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ReferralDetail' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'UBRN' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'referral' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'ubrn' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'state' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'reason' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'display' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'priority' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'specialty' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'display' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'shortlist' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'bookedService' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'availableActions' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'attachments' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'availability' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'downloadUrl' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'appointment' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'start' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'end' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'service' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'relatedReferrals' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'state' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'state' } }] },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReferralDetailQuery, ReferralDetailQueryVariables>;
export const AcceptDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'Accept' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'UBRN' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'version' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Version' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'idempotencyKey' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'acceptReferral' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'ubrn' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'ubrn' } },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'version' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'version' } },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'idempotencyKey' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'idempotencyKey' } },
                    },
                  ],
                },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'referral' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'state' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'state' } }] },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'availableActions' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AcceptMutation, AcceptMutationVariables>;
export const RecordTriageOutcomeDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RecordTriageOutcome' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'RecordTriageOutcomeInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'recordTriageOutcome' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'referral' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'priority' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'state' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'reason' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'display' } },
                                ],
                              },
                            },
                            { kind: 'Field', name: { kind: 'Name', value: 'comment' } },
                          ],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'availableActions' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RecordTriageOutcomeMutation, RecordTriageOutcomeMutationVariables>;
export const ProviderWorklistScreenDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ProviderWorklistScreen' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'referralWorklist' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'type' }, value: { kind: 'EnumValue', value: 'REFERRALS_FOR_REVIEW' } },
              { kind: 'Argument', name: { kind: 'Name', value: 'first' }, value: { kind: 'IntValue', value: '50' } },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'ubrn' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'priority' } },
                            {
                              kind: 'InlineFragment',
                              typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ReferralForReviewWorklistItem' } },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'serviceName' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'specialty' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [{ kind: 'Field', name: { kind: 'Name', value: 'display' } }],
                                    },
                                  },
                                  { kind: 'Field', name: { kind: 'Name', value: 'pathwayStart' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'referral' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'patientNhsNumber' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'state' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [{ kind: 'Field', name: { kind: 'Name', value: 'state' } }],
                                    },
                                  },
                                  { kind: 'Field', name: { kind: 'Name', value: 'availableActions' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'attachments' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [
                                        { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                                        { kind: 'Field', name: { kind: 'Name', value: 'availability' } },
                                      ],
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ProviderWorklistScreenQuery, ProviderWorklistScreenQueryVariables>;
export const CheapWorklistDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CheapWorklist' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'referralWorklist' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'type' }, value: { kind: 'EnumValue', value: 'REFERRALS_FOR_REVIEW' } },
              { kind: 'Argument', name: { kind: 'Name', value: 'first' }, value: { kind: 'IntValue', value: '20' } },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'ubrn' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'priority' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'patientNhsNumber' } },
                            {
                              kind: 'InlineFragment',
                              typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ReferralForReviewWorklistItem' } },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'serviceName' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'specialty' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [{ kind: 'Field', name: { kind: 'Name', value: 'code' } }],
                                    },
                                  },
                                  { kind: 'Field', name: { kind: 'Name', value: 'pathwayStart' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'appointmentStart' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CheapWorklistQuery, CheapWorklistQueryVariables>;

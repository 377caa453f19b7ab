import { graphql, GraphQLSchema, printSchema } from 'graphql';
import { buildSchema, Query, Resolver } from 'type-graphql';
import { mapCodeSystem } from '../../datasources/ers/code-system.mapper';
import { mapHealthcareService } from '../../datasources/ers/healthcare-service.mapper';
import { mapReferralRequest } from '../../datasources/ers/referral.mapper';
import { mapBusinessFunctions } from '../../datasources/ers/practitioner-role.mapper';
import { mapOnBehalfOfUsers } from '../../datasources/ers/practitioner.mapper';
import { mapWorklist } from '../../datasources/ers/worklist.mapper';
import { mapCommunicationRequest } from '../../datasources/ers/communication-request.mapper';
import { mapAdviceAndGuidanceConversation } from '../../datasources/ers/communication.mapper';
import { AdviceAndGuidanceMessage, AdviceAndGuidanceRequest } from '../../schema/advice-and-guidance.type';
import { CodeSystem } from '../../schema/code-system.type';
import { HealthcareService } from '../../schema/healthcare-service.type';
import { OnBehalfOfUser } from '../../schema/on-behalf-of-user.type';
import { Referral } from '../../schema/referral.type';
import { UserRole } from '../../schema/user-role.type';
import { Worklist } from '../../schema/worklist-item.type';
import { loadFhirFixture } from '../fixtures/fhir/load';
import { mapAppointment } from '../../datasources/ers/appointment.mapper';
import { mapAppointmentSlots } from '../../datasources/ers/slot.mapper';
import { mapAvailableActions } from '../../datasources/ers/available-actions.mapper';
import { mapHealthcareServiceBundle, mapServiceSearchResults } from '../../datasources/ers/service-search.mapper';
import { mapServiceRequests } from '../../datasources/ers/service-request.mapper';
import { Appointment } from '../../schema/appointment.type';
import { Slot } from '../../schema/slot.type';
import { ReferralAction } from '../../schema/referral-action.enum';
import { ServiceSearchResult } from '../../schema/service-search-result.type';
import { ServiceRequest } from '../../schema/service-request.type';

/** Serves the mapped synthetic fixtures, to check the types build and serialise through GraphQL. */
@Resolver()
class FixtureResolver {
  @Query((_returns) => Referral, { description: 'The booked fixture.' })
  referral(): Referral {
    return mapReferralRequest(loadFhirFixture('referral-request.booked.json'));
  }

  @Query((_returns) => CodeSystem, { description: 'The APPOINTMENT-CANCELLATION-REASON fixture.' })
  codeSystem(): CodeSystem {
    return mapCodeSystem(loadFhirFixture('code-system.appointment-cancellation-reason.json'));
  }

  @Query((_returns) => HealthcareService, { description: 'The full service fixture.' })
  healthcareService(): HealthcareService {
    return mapHealthcareService(loadFhirFixture('healthcare-service.full.json'));
  }

  @Query((_returns) => [UserRole], { description: 'The A030 fixture.' })
  userRoles(): UserRole[] {
    return mapBusinessFunctions(loadFhirFixture('practitioner-role.bundle.json'));
  }

  @Query((_returns) => [OnBehalfOfUser], { description: 'The A040 fixture.' })
  onBehalfOfUsers(): OnBehalfOfUser[] {
    return mapOnBehalfOfUsers(loadFhirFixture('practitioner.on-behalf-of.bundle.json'));
  }

  @Query((_returns) => AdviceAndGuidanceRequest, { description: 'The A024 fixture.' })
  adviceAndGuidanceRequest(): AdviceAndGuidanceRequest {
    return mapCommunicationRequest(loadFhirFixture('communication-request.advice-and-guidance.json'));
  }

  @Query((_returns) => [AdviceAndGuidanceMessage], { description: 'The A025 fixture.' })
  adviceAndGuidanceConversation(): AdviceAndGuidanceMessage[] {
    return mapAdviceAndGuidanceConversation(loadFhirFixture('communication.advice-and-guidance-conversation.bundle.json'));
  }

  @Query((_returns) => [Appointment], { description: 'The A038 fixtures.' })
  appointments(): Appointment[] {
    return ['booked', 'cancelled'].map((name) => mapAppointment(loadFhirFixture(`appointment.${name}.json`)));
  }

  @Query((_returns) => [Slot], { description: 'The A015 fixture.' })
  slots(): Slot[] {
    return mapAppointmentSlots(loadFhirFixture('slot.bundle.json')).slots;
  }

  @Query((_returns) => [ReferralAction], { description: 'The A029 fixture.' })
  availableActions(): ReferralAction[] {
    return mapAvailableActions(loadFhirFixture('task.available-actions.bundle.json')).actions;
  }

  @Query((_returns) => [ServiceSearchResult], { description: 'The A010 fixture.' })
  serviceSearchResults(): ServiceSearchResult[] {
    return mapServiceSearchResults(loadFhirFixture('service-search.list.json'));
  }

  @Query((_returns) => [HealthcareService], { description: 'The A035 fixture.' })
  healthcareServices(): HealthcareService[] {
    return mapHealthcareServiceBundle(loadFhirFixture('healthcare-service.bundle.json'));
  }

  @Query((_returns) => [ServiceRequest], { description: 'The A041 fixture.' })
  serviceRequests(): ServiceRequest[] {
    return mapServiceRequests(loadFhirFixture('service-request.bundle.json'));
  }

  @Query((_returns) => [Worklist], { description: 'Every worklist fixture (A008, A023).' })
  worklists(): Worklist[] {
    return ['referrals-for-review', 'appointment-slot-issues', 'advice-and-guidance', 'awaiting-booking', 'letters-outstanding'].map(
      (name) => mapWorklist(loadFhirFixture(`worklist.${name}.json`)),
    );
  }
}

describe('mapped domain types in a GraphQL schema', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await buildSchema({ resolvers: [FixtureResolver], validate: false });
  });

  it('exposes no FHIR-shaped names and keeps link-only properties out of the schema', () => {
    const sdl = printSchema(schema);
    expect(sdl).not.toMatch(/value(CodeableConcept|Coding|Reference|Identifier)|\[x\]/);
    expect(sdl).not.toMatch(/shortlistServiceIds|bookedServiceId/);
    expect(sdl).not.toMatch(/referralUbrn|referralVersion|adviceAndGuidanceUbrn|adviceAndGuidanceVersion|shortlistServiceIds/);
    expect(sdl).toMatch(/enum ReferralState/);
    expect(sdl).toMatch(/enum CodeSystemType/);
    expect(sdl).toMatch(/CLINIC_TYPE/);
    // Appointment.serviceId is link-only (serviceId is a field of other types, so checked per type).
    expect(Object.keys((schema.getType('Appointment') as { getFields(): object }).getFields())).not.toContain('serviceId');
    expect(sdl).toMatch(/enum ReferralAction/);
    expect(sdl).toMatch(/enum SlotStatus/);
  });

  it('describes every type and field', () => {
    const undocumented: string[] = [];
    for (const name of [
      'Referral',
      'Code',
      'ReferralStateInfo',
      'Attachment',
      'AppointmentSummary',
      'ServiceSearchCriteria',
      'ShortlistEntry',
      'ReferralRequester',
      'CodeSystem',
      'CodeSystemConcept',
      'HealthcareService',
      'ServiceContact',
      'ServiceContactPoint',
      'UserRole',
      'OnBehalfOfUser',
      'Worklist',
      'WorklistItem',
      'ReferralForReviewWorklistItem',
      'AppointmentSlotIssueWorklistItem',
      'AdviceAndGuidanceWorklistItem',
      'ReferralStatusWorklistItem',
      'LettersOutstandingWorklistItem',
      'OtherWorklistItem',
      'AdviceAndGuidanceRequest',
      'AdviceAndGuidanceMessage',
      'ActingUser',
      'Appointment',
      'Slot',
      'ServiceSearchResult',
      'AgeRange',
      'ServiceRequest',
    ]) {
      const type = schema.getType(name) as { description?: string | null; getFields(): Record<string, { description?: string | null }> };
      if (!type.description) undocumented.push(name);
      for (const [field, definition] of Object.entries(type.getFields())) {
        if (!definition.description) undocumented.push(`${name}.${field}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('describes every value of the new enums', () => {
    const undocumented: string[] = [];
    for (const name of ['ReferralAction', 'SlotStatus', 'ServiceRequestStatus', 'ServiceRequestKind', 'AppointmentStatus']) {
      const type = schema.getType(name) as unknown as {
        description?: string | null;
        getValues(): Array<{ name: string; description?: string | null }>;
      };
      if (!type.description) undocumented.push(name);
      for (const value of type.getValues()) if (!value.description) undocumented.push(`${name}.${value.name}`);
    }
    expect(undocumented).toEqual([]);
  });

  it('serialises a mapped referral, code system and service without errors', async () => {
    const code = '{ system code display }';
    const user = '{ userId name odsCode businessFunction }';
    const result = await graphql({
      schema,
      source: `{
        referral {
          ubrn version fhir status intent
          state { state reason ${code} comment }
          priority specialty ${code} clinicTypes ${code}
          patientNhsNumber pathwayStart clinicalInfoFirstSubmitted clinicalInfoLastUpdated
          shortlistEntries { serviceId serviceName }
          searchCriteria { priority specialty ${code} clinicType ${code} clinicalTerm ${code}
            indicativeAppointmentWaitTimeLimit postcode distanceLimit namedClinicianUserId ageAndSexAppropriate
            commissioningProvisioning ${code} organisationOdsCode place }
          appointmentSummary { status start end created reason ${code} comment slotReference serviceId serviceName
            allocatedClinicianUserId version }
          appointmentId
          attachments { id documentReferenceId url title contentType size description type ${code} created attachedAt
            availability attachedByUserId attachedByOdsCode attachedOnBehalfOfUserId }
          additionalRequirements ${code}
          commissioningRuleOrganisationOdsCode requestId supportingInfoReferences
          relatedReferralUbrns convertedFromAdviceAndGuidanceUbrn
          requester { userId organisationOdsCode display }
        }
        codeSystem {
          type url name description version date fhir
          concepts { code display effectiveFrom effectiveTo specialty ${code} deferToProviderContactDays triageContactDays
            commentIsMandatory willCancelWholeRequest canCancelAppointment
            appointmentBookingCancellationReasonType ${code} appointmentRequestCancellationReasonType ${code}
            businessFunctions ${code} usages ${code} referrerUsages ${code} }
        }
        healthcareService {
          id version name active siteOdsCodes appointmentTypes ${code} requestFlowTypes ${code} bookableType ${code}
          directlyBookable hoursOfOperation instructions contacts { purpose ${code} contactPoints { channel value } } fhir
        }
        userRoles { odsCode organisationName businessFunction businessFunctionCode businessFunctionDisplay known userId userName fhir }
        onBehalfOfUsers { userId name fhir }
        adviceAndGuidanceRequest {
          ubrn version fhir status conversationStatus priority specialty ${code} clinicTypes ${code}
          conversionAuthorised conversionAuthorisation ${code} patientNhsNumber serviceId
          shortlistEntries { serviceId serviceName } searchCriteria { specialty ${code} }
          requester ${user} sender ${user} attachments { id availability } requestId
        }
        adviceAndGuidanceConversation {
          id sentAt sentBy author ${user} requester ${user} organisationOdsCode recipientServiceId recipientOdsCode
          text attachments { id type ${code} } fhir
        }
        appointments {
          id version status start end created slotId serviceName patientNhsNumber allocatedClinicianUserId
          reason ${code} reviewReason ${code} reviewOutcome ${code} cancellationReason ${code} comment fhir
        }
        slots {
          id alternativeId start end status serviceId serviceName clinicianUserId clinicianName
          appointmentType ${code} clinicTypes ${code} specialty ${code} locationOdsCode locationName comment fhir
        }
        availableActions
        serviceSearchResults {
          serviceId name specialty ${code} appointmentTypes ${code} requestFlowTypes ${code} bookableType ${code}
          directlyBookable locationOdsCode locationName nhsWebsiteUrl referrerAlert exclusions suggestedInvestigations
          conditionsTreated ageTreated { minimumAge minimumAgeUnit maximumAge maximumAgeUnit } sexTreated ${code}
          additionalRequirementsSupported ${code} referralLetterRequired displayProminently distance
          indicativeAppointmentWaitTime indicativeAppointmentWaitTimeStatus indicativeTreatmentWaitTime
          capacityAlert ${code} fhir
        }
        healthcareServices { id version name }
        serviceRequests { id version ubrn kind category ${code} status patientNhsNumber fhir }
        worklists {
          worklistType fhir
          items {
            __typename ubrn version worklistType priority patientNhsNumber fhir
            ... on ReferralForReviewWorklistItem { specialty ${code} serviceId serviceName namedClinicianUserId
              allocatedClinicianUserId pathwayStart clinicalInfoPrinted reviewStatus clinicalInfoFirstSubmitted
              clinicalInfoLastUpdated appointmentStart referralType }
            ... on AppointmentSlotIssueWorklistItem { specialty ${code} serviceId serviceName namedClinicianUserId pathwayStart
              clinicalInfoPrinted ubrnReceived patientContactExpected clinicalInformationStatus reason ${code} lastContact }
            ... on AdviceAndGuidanceWorklistItem { specialty ${code} clinicType ${code} serviceId serviceName
              namedClinicianUserId referrerUserId conversationStatus firstRequested lastUpdated }
            ... on ReferralStatusWorklistItem { state { state reason ${code} comment } referralCreated
              referralLastUpdated clinicalContext referrerUserId }
            ... on LettersOutstandingWorklistItem { letterDue referralCreated clinicalContext referrerUserId }
          }
        }
      }`,
    });
    expect(result.errors).toBeUndefined();
    const data = result.data as Record<string, any>;
    expect(data.referral.ubrn).toBe('999000000101');
    expect(data.referral.status).toBe('ACTIVE');
    expect(data.referral.state.state).toBe('BOOKED');
    expect(data.referral.attachments[1].availability).toBe('PENDING');
    expect(data.referral.appointmentSummary.status).toBe('BOOKED');
    expect(data.codeSystem.type).toBe('APPOINTMENT_CANCELLATION_REASON');
    expect(data.healthcareService.id).toBe('99001');
    expect(data.userRoles[0]).toMatchObject({
      odsCode: 'X99',
      businessFunction: null,
      businessFunctionCode: 'SERVICE_DEFINER',
      known: false,
    });
    expect(data.worklists.map((w: any) => w.items[0].__typename)).toEqual([
      'ReferralForReviewWorklistItem',
      'AppointmentSlotIssueWorklistItem',
      'AdviceAndGuidanceWorklistItem',
      'ReferralStatusWorklistItem',
      'LettersOutstandingWorklistItem',
    ]);
    expect(data.worklists[3].items[0].state.state).toBe('APPT_CANCELLED_BY_PATIENT');
    expect(data.adviceAndGuidanceRequest).toMatchObject({ ubrn: '999000000201', conversionAuthorised: true });
    expect(data.adviceAndGuidanceConversation.map((m: any) => m.id)).toEqual(['99300', '99301', '99302']);
    expect(data.appointments.map((a: any) => a.status)).toEqual(['BOOKED', 'CANCELLED']);
    expect(data.appointments[1].cancellationReason.code).toBe('PATIENT_HOLIDAY');
    expect(data.slots[0]).toMatchObject({ id: '99000012', status: 'FREE', clinicianUserId: '999000000777' });
    expect(data.availableActions).toEqual(['CHANGE_SHORTLIST', 'CANCEL_REFERRAL']);
    expect(data.serviceSearchResults.map((r: any) => r.serviceId)).toEqual(['99001', '99002']);
    expect(data.serviceSearchResults[0].ageTreated).toEqual({
      minimumAge: 18,
      minimumAgeUnit: 'YEARS',
      maximumAge: 100,
      maximumAgeUnit: 'YEARS',
    });
    expect(data.healthcareServices.map((s: any) => s.id)).toEqual(['99001', '99002']);
    expect(data.serviceRequests.map((r: any) => r.kind)).toEqual(['REFERRAL', 'ADVICE_AND_GUIDANCE']);
    expect(data.onBehalfOfUsers[1]).toMatchObject({ userId: '999000000112', name: 'Dr Synthetic Clinician' });
  });
});

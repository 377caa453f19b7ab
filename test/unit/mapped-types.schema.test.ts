import { graphql, GraphQLSchema, printSchema } from 'graphql';
import { buildSchema, Query, Resolver } from 'type-graphql';
import { mapCodeSystem } from '../../datasources/ers/code-system.mapper';
import { mapHealthcareService } from '../../datasources/ers/healthcare-service.mapper';
import { mapReferralRequest } from '../../datasources/ers/referral.mapper';
import { mapBusinessFunctions } from '../../datasources/ers/practitioner-role.mapper';
import { mapOnBehalfOfUsers } from '../../datasources/ers/practitioner.mapper';
import { CodeSystem } from '../../schema/code-system.type';
import { HealthcareService } from '../../schema/healthcare-service.type';
import { OnBehalfOfUser } from '../../schema/on-behalf-of-user.type';
import { Referral } from '../../schema/referral.type';
import { UserRole } from '../../schema/user-role.type';
import { loadFhirFixture } from '../fixtures/fhir/load';

/** Serves the mapped synthetic fixtures, to check the types build and serialise through GraphQL. */
@Resolver()
class FixtureResolver {
  @Query(_returns => Referral, { description: 'The booked fixture.' })
  referral(): Referral {
    return mapReferralRequest(loadFhirFixture('referral-request.booked.json'));
  }

  @Query(_returns => CodeSystem, { description: 'The APPOINTMENT-CANCELLATION-REASON fixture.' })
  codeSystem(): CodeSystem {
    return mapCodeSystem(loadFhirFixture('code-system.appointment-cancellation-reason.json'));
  }

  @Query(_returns => HealthcareService, { description: 'The full service fixture.' })
  healthcareService(): HealthcareService {
    return mapHealthcareService(loadFhirFixture('healthcare-service.full.json'));
  }

  @Query(_returns => [UserRole], { description: 'The A030 fixture.' })
  userRoles(): UserRole[] {
    return mapBusinessFunctions(loadFhirFixture('practitioner-role.bundle.json'));
  }

  @Query(_returns => [OnBehalfOfUser], { description: 'The A040 fixture.' })
  onBehalfOfUsers(): OnBehalfOfUser[] {
    return mapOnBehalfOfUsers(loadFhirFixture('practitioner.on-behalf-of.bundle.json'));
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
    expect(sdl).toMatch(/enum ReferralState/);
    expect(sdl).toMatch(/enum CodeSystemType/);
    expect(sdl).toMatch(/CLINIC_TYPE/);
  });

  it('describes every type and field', () => {
    const undocumented: string[] = [];
    for (const name of ['Referral', 'Code', 'ReferralStateInfo', 'Attachment', 'AppointmentSummary', 'ServiceSearchCriteria',
      'ShortlistEntry', 'ReferralRequester', 'CodeSystem', 'CodeSystemConcept', 'HealthcareService', 'ServiceContact',
      'ServiceContactPoint', 'UserRole', 'OnBehalfOfUser']) {
      const type = schema.getType(name) as { description?: string | null; getFields(): Record<string, { description?: string | null }> };
      if (!type.description) undocumented.push(name);
      for (const [field, definition] of Object.entries(type.getFields())) {
        if (!definition.description) undocumented.push(`${name}.${field}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('serialises a mapped referral, code system and service without errors', async () => {
    const code = '{ system code display }';
    const result = await graphql({
      schema,
      source: `{
        referral {
          ubrn version fhir status intent
          state { state code display reason ${code} comment }
          priority ${code} specialty ${code} clinicTypes ${code}
          patientNhsNumber pathwayStart clinicalInfoFirstSubmitted clinicalInfoLastUpdated
          shortlistEntries { serviceId serviceName }
          searchCriteria { priority ${code} specialty ${code} clinicType ${code} clinicalTerm ${code}
            indicativeAppointmentWaitTimeLimit postcode distanceLimit namedClinicianUserId ageAndSexAppropriate
            commissioningProvisioning ${code} organisationOdsCode place }
          appointment { status start end created reason ${code} comment slotReference serviceId serviceName
            allocatedClinicianUserId version }
          appointmentId
          attachments { id documentReferenceId url title contentType size description type ${code} created attachedAt
            availability attachedBy attachedByOrganisation attachedOnBehalfOf }
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
        userRoles { odsCode organisationName businessFunction businessFunctionDisplay known userId userName fhir }
        onBehalfOfUsers { userId name fhir }
      }`,
    });
    expect(result.errors).toBeUndefined();
    const data = result.data as Record<string, any>;
    expect(data.referral.ubrn).toBe('999000000101');
    expect(data.referral.status).toBe('ACTIVE');
    expect(data.referral.state.state).toBe('BOOKED');
    expect(data.referral.attachments[1].availability).toBe('PENDING');
    expect(data.referral.appointment.status).toBe('BOOKED');
    expect(data.codeSystem.type).toBe('APPOINTMENT_CANCELLATION_REASON');
    expect(data.healthcareService.id).toBe('99001');
    expect(data.userRoles[0]).toMatchObject({ odsCode: 'X99', businessFunction: 'SERVICE_DEFINER', known: false });
    expect(data.onBehalfOfUsers[1]).toMatchObject({ userId: '999000000112', name: 'Dr Synthetic Clinician' });
  });
});

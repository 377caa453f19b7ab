import { GraphQLError, Kind } from 'graphql';
import {
  AppointmentIdScalar,
  BinaryUrlScalar,
  binaryIdOf,
  OdsCodeScalar,
  SdsUserIdScalar,
  ServiceIdScalar,
  SlotIdScalar,
  UbrnScalar,
  VersionScalar,
} from '../../../schema/scalars';
import type { ErsClient, ErsRequest } from '../../../datasources/ers/client';
import { fetchHealthcareService } from '../../../datasources/ers/healthcare-service.api';
import { fetchHealthcareServiceVersion, searchHealthcareServices } from '../../../datasources/ers/service-search.api';
import { fetchAppointment, updateAppointment } from '../../../datasources/ers/appointment.api';
import { fetchReferralRequest } from '../../../datasources/ers/referral-request.api';
import { fetchCommunicationRequest } from '../../../datasources/ers/communication-request.api';
import { fetchAdviceAndGuidanceConversation } from '../../../datasources/ers/communication.api';
import { fetchAvailableActions } from '../../../datasources/ers/task.api';
import { fetchAppointmentSlots } from '../../../datasources/ers/slot.api';
import { postAdviceResponse, postReferralOperation } from '../../../datasources/ers/referral-actions.api';
import { searchServiceRequests } from '../../../datasources/ers/service-request.api';
import { uploadFile } from '../../../datasources/ers/document-store.api';
import { retrieveAttachment, retrieveClinicalInformation } from '../../../datasources/ers/binary.api';

const nhsNumber = '9434765919';

describe('identifier scalars', () => {
  it.each([
    [UbrnScalar, ['000000070000'], ['00000007000', '0000000700001', '..', `${nhsNumber}`, '00000007000a']],
    [ServiceIdScalar, ['1', '11002', '1'.repeat(20)], ['', '..', '.', '1/2', '1,2', '11 002', 'cardiology', '1'.repeat(21), '%2e%2e']],
    [VersionScalar, ['1', '123456789'], ['', 'x', '1.0', '1/_history', '1234567890', 'W/"1"']],
    [OdsCodeScalar, ['R69', 'RCF01', 'A99001'], ['r69', 'R6', 'R69\r\nX-Evil: 1', 'R69,R70', 'R 69', 'ABCDEFGHIJK']],
    [SdsUserIdScalar, ['021600556514'], ['02160055651', '0216005565140', 'x21600556514']],
    [AppointmentIdScalar, ['70000', 'appt-1.2'], ['..', '.', '-1', '../70000', '70000/_history/1', 'a'.repeat(65), '']],
    [SlotIdScalar, ['11000021'], ['..', 'Slot/1', '1 2']],
    [
      BinaryUrlScalar,
      ['Binary/c5d2d200-7613-4a69-9c5f-1bb68e04b8d8', 'Binary/att-70000-70001'],
      ['Binary/..', 'Binary/', 'binary/x', 'https://example.org/Binary/x', 'Binary/x/y', 'file:///etc/passwd'],
    ],
  ])('%s takes its format only', (scalar, valid, invalid) => {
    for (const value of valid) {
      expect(scalar.parseValue(value)).toBe(value);
      expect(scalar.parseLiteral({ kind: Kind.STRING, value }, undefined)).toBe(value);
      expect(scalar.serialize(value)).toBe(value);
    }
    for (const value of [...invalid, 12, null, { id: '1' }]) {
      let error: unknown;
      try {
        scalar.parseValue(value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      expect((error as GraphQLError).message).toMatch(new RegExp(`^${scalar.name} must be `));
      if (typeof value === 'string' && value.length > 3 && !scalar.description!.includes(value))
        expect((error as GraphQLError).message).not.toContain(value);
    }
    expect(() => scalar.parseLiteral({ kind: Kind.INT, value: '1' }, undefined)).toThrow(GraphQLError);
  });

  it.each([
    ['Binary/abc-1', 'abc-1'],
    ['https://ers.example/FHIR/STU3/Binary/c5d2d200-7613-4a69-9c5f-1bb68e04b8d8', 'c5d2d200-7613-4a69-9c5f-1bb68e04b8d8'],
    ['Binary/..', null],
    ['Binary/a/b', null],
    [undefined, null],
  ])('binaryIdOf(%s) is %s', (url, id) => {
    expect(binaryIdOf(url)).toBe(id);
  });
});

/** An e-RS client that records what it would send: the path builders must refuse before any call. */
function recordingClient(): { ers: ErsClient; sent: ErsRequest[] } {
  const sent: ErsRequest[] = [];
  const answer = async (request: ErsRequest) => {
    sent.push(request);
    return { status: 201, body: {}, location: 'Binary/abc', headers: {} };
  };
  const ers = {
    baseUrl: 'http://ers.invalid/FHIR',
    send: answer,
    read: (endpoint: string, path: string, params?: ErsRequest['params']) => answer({ endpoint, method: 'GET', path, params }),
  } as unknown as ErsClient;
  return { ers, sent };
}

describe('e-RS path builders assert the same formats (defence in depth)', () => {
  const ubrn = '000000070000';
  const slots = { serviceId: '1', priority: 'ROUTINE' as const, commissioningRuleOrgOdsCode: 'R69', count: 10, page: 1 };
  it.each<[string, (ers: ErsClient) => Promise<unknown>]>([
    ['A033 with ".."', (ers) => fetchHealthcareService(ers, '..')],
    ['A037 with a path', (ers) => fetchHealthcareServiceVersion(ers, '1/../../R4/Binary/x')],
    ['A035 with an id holding a comma', (ers) => searchHealthcareServices(ers, ['1', '2,3'])],
    ['A038 with ".."', (ers) => fetchAppointment(ers, '..')],
    ['A038 with a version holding a path', (ers) => fetchAppointment(ers, '70000', '1/../../x')],
    ['A034 with a bad version', (ers) => updateAppointment(ers, '70000', '1"', { resourceType: 'Appointment' })],
    ['A005 with an NHS number for a UBRN', (ers) => fetchReferralRequest(ers, nhsNumber)],
    ['A005 with a bad version', (ers) => fetchReferralRequest(ers, ubrn, '..')],
    ['A024 with a bad UBRN', (ers) => fetchCommunicationRequest(ers, '..')],
    ['A025 with a version holding a query', (ers) => fetchAdviceAndGuidanceConversation(ers, ubrn, '1&_include=x')],
    ['A029 with a bad version', (ers) => fetchAvailableActions(ers, ubrn, '1/x')],
    ['A041 with a bad UBRN', (ers) => searchServiceRequests(ers, `${ubrn}|x`)],
    [
      'A015 with a header holding a line break',
      (ers) => fetchAppointmentSlots(ers, { ...slots, commissioningRuleOrgOdsCode: 'R69\r\nX-Evil: 1' }),
    ],
    ['A015 with a bad service id', (ers) => fetchAppointmentSlots(ers, { ...slots, serviceId: '1,2' })],
    ['A015 with a bad clinician', (ers) => fetchAppointmentSlots(ers, { ...slots, clinicianUserId: '1' })],
    ['an operation on a bad UBRN', (ers) => postReferralOperation(ers, 'A013', '../x', 'acceptReferral', { version: '1' })],
    ['an operation with a bad If-Match version', (ers) => postReferralOperation(ers, 'A013', ubrn, 'acceptReferral', { version: '1"' })],
    ['A026 on a bad UBRN', (ers) => postAdviceResponse(ers, '..', '1', { resourceType: 'Parameters' })],
    [
      'A020 with a bad referral id header',
      (ers) => uploadFile(ers, { bytes: Buffer.from('x'), fileName: 'a.txt', contentType: 'text/plain', referralId: 'x\r\ny' }),
    ],
  ])('%s: BAD_USER_INPUT, nothing sent', async (_what, call) => {
    const { ers, sent } = recordingClient();
    // Thrown as the request is built (synchronously for the plain builders): awaited, it is a rejection.
    await expect((async () => call(ers))()).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(sent).toHaveLength(0);
  });

  it('send well-formed ids', async () => {
    const { ers, sent } = recordingClient();
    await fetchHealthcareService(ers, '11002');
    await searchHealthcareServices(ers, ['1', '2']);
    await fetchAppointment(ers, '70000', '3');
    await fetchAppointmentSlots(ers, { ...slots, clinicianUserId: '021600556514' });
    await uploadFile(ers, { bytes: Buffer.from('x'), fileName: 'a.txt', contentType: 'text/plain', referralId: ubrn });
    expect(sent.map((r) => r.path)).toEqual([
      '/R4/HealthcareService/11002',
      '/R4/HealthcareService',
      '/STU3/Appointment/70000/_history/3',
      '/STU3/Slot',
      '/STU3/Binary',
    ]);
  });

  it.each<[string, () => Promise<unknown>]>([
    ['A042 with ".."', () => retrieveAttachment(binaryDeps(), '..')],
    ['A007 with a bad UBRN', () => retrieveClinicalInformation(binaryDeps(), '../x')],
  ])('%s: BAD_USER_INPUT before any request', async (_what, call) => {
    await expect(call()).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});

/** Download dependencies whose HTTP client fails the test if it is ever used. */
function binaryDeps() {
  const http = { request: () => Promise.reject(new Error('no request may be made')), defaults: {} };
  return { http, caller: { credentials: {}, correlationId: 'c' }, timeoutMs: 1000 } as never;
}

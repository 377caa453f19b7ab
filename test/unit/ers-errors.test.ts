import { codeForStatus, errorFromResponse, ErsError, parseRetryAfter, readOperationOutcome } from '../../datasources/ers/errors';
import { redactInputValues } from '../../src/errors';
import { r4Throttled, stu3NoRelationship, stu3NotFound } from '../fixtures/outcomes';

describe('readOperationOutcome', () => {
  it('reads the e-RS code, issue code and diagnostics of an STU3 outcome', () => {
    expect(readOperationOutcome(stu3NotFound)).toEqual({
      issueCode: 'not-found',
      ersCode: 'REC_NOT_FOUND',
      diagnostics: 'Referral 999000000001 not found',
    });
  });

  it('picks the error issue of an R4 outcome, skipping informational ones', () => {
    expect(readOperationOutcome(r4Throttled)).toMatchObject({ issueCode: 'throttled', ersCode: 'TOO_MANY_REQUESTS' });
  });

  it('parses an outcome that arrives as a JSON string', () => {
    expect(readOperationOutcome(JSON.stringify(stu3NotFound))?.ersCode).toBe('REC_NOT_FOUND');
  });

  it.each([
    ['an empty 401 body', ''],
    ['HTML from a proxy', '<html>bad gateway</html>'],
    ['another resource', { resourceType: 'ReferralRequest' }],
    ['null', null],
  ])('returns null for %s', (_name, body) => {
    expect(readOperationOutcome(body)).toBeNull();
  });

  it('tolerates an outcome whose issues have no details', () => {
    expect(readOperationOutcome({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] })).toEqual({
      issueCode: 'exception',
      ersCode: undefined,
      diagnostics: undefined,
    });
  });
});

describe('codeForStatus', () => {
  it.each([
    [400, undefined, 'BAD_USER_INPUT'],
    [401, undefined, 'UNAUTHENTICATED'],
    [403, undefined, 'FORBIDDEN'],
    [404, undefined, 'NOT_FOUND'],
    [409, undefined, 'CONFLICT'],
    [412, undefined, 'CONFLICT'],
    [422, 'PATIENT_ERROR', 'UNPROCESSABLE'],
    [422, 'NO_RELATIONSHIP', 'FORBIDDEN'],
    [422, 'INVALID_REQUEST_TYPE', 'NOT_FOUND'],
    [429, undefined, 'RATE_LIMITED'],
    [500, undefined, 'UPSTREAM_UNAVAILABLE'],
    [503, 'SERVICE_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE'],
    [406, undefined, 'UPSTREAM_ERROR'],
  ])('maps %i (%s) to %s', (status, ersCode, expected) => {
    expect(codeForStatus(status, ersCode)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds', () => expect(parseRetryAfter('7')).toBe(7));
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5);
  });
  it('ignores nonsense', () => expect(parseRetryAfter('soon')).toBeUndefined());
});

describe('errorFromResponse', () => {
  it('keeps status, e-RS code and Retry-After, and keeps diagnostics out of the message', () => {
    const error = errorFromResponse('A005', 429, r4Throttled, { 'retry-after': '3' });
    expect(error).toBeInstanceOf(ErsError);
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      httpStatus: 429,
      ersCode: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 3,
      endpoint: 'A005',
    });

    const notFound = errorFromResponse('A005', 404, stu3NotFound, {});
    expect(notFound.diagnostics).toContain('999000000001');
    expect(notFound.message).not.toContain('999000000001');
  });

  it('maps a 422 NO_RELATIONSHIP outcome to FORBIDDEN, keeping the e-RS code', () => {
    expect(errorFromResponse('A005', 422, stu3NoRelationship, {})).toMatchObject({
      code: 'FORBIDDEN',
      httpStatus: 422,
      ersCode: 'NO_RELATIONSHIP',
      retryAfterSeconds: undefined,
    });
  });
});

describe('redactInputValues', () => {
  it.each([
    [
      'Variable "$ubrn" got invalid value "9434765919"; UBRN must be exactly 12 digits',
      'Variable "$ubrn" got an invalid value; UBRN must be exactly 12 digits',
    ],
    [
      'Variable "$input" got invalid value { comment: "chest pain" } at "input.priority"; Value "X" does not exist',
      'Variable "$input" got an invalid value at "input.priority"; Value "X" does not exist',
    ],
    [
      'Expected value of type "UBRN!", found "9434765919"; UBRN must be exactly 12 digits',
      'Expected value of type "UBRN!", found an invalid value; UBRN must be exactly 12 digits',
    ],
    ['Int cannot represent non-integer value: "9434765919"', 'Int cannot represent non-integer value'],
    ['Cannot query field "nhs" on type "Referral".', 'Cannot query field "nhs" on type "Referral".'],
  ])('redacts %s', (message, expected) => {
    expect(redactInputValues(message)).toBe(expected);
  });
});

describe('redactInputValues with the reason graphql-js wrapped', () => {
  it.each([
    [
      'Variable "$v" got invalid value "x; 9434765919"; ServiceId must be an e-RS service id (1 to 20 digits)',
      'ServiceId must be an e-RS service id (1 to 20 digits)',
      'Variable "$v" got an invalid value; ServiceId must be an e-RS service id (1 to 20 digits)',
    ],
    [
      'Variable "$input" got invalid value "a; 9434765919 at \\"x\\"" at "input.letters[0].url"; BinaryUrl must be a reference',
      'BinaryUrl must be a reference',
      'Variable "$input" got an invalid value at "input.letters[0].url"; BinaryUrl must be a reference',
    ],
    [
      'Expected value of type "ServiceId!", found "x; 9434765919"; ServiceId must be an e-RS service id (1 to 20 digits)',
      'ServiceId must be an e-RS service id (1 to 20 digits)',
      'Expected value of type "ServiceId!", found an invalid value; ServiceId must be an e-RS service id (1 to 20 digits)',
    ],
    [
      'Variable "$p" got invalid value "9434765919"; Value "9434765919" does not exist in "ReferralPriority" enum.',
      'Value "9434765919" does not exist in "ReferralPriority" enum.',
      'Variable "$p" got an invalid value; The value does not exist in "ReferralPriority" enum.',
    ],
  ])('cuts the value out of %s', (message, reason, expected) => {
    expect(redactInputValues(message, reason)).toBe(expected);
  });
});

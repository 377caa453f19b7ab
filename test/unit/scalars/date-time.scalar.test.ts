import { GraphQLError, Kind } from 'graphql';
import { DateScalar, DateTimeScalar, isDateTime } from '../../../schema/scalars/date-time.scalar';
import { readDate, readDateTime } from '../../../datasources/ers/fhir';

const CALENDAR_ERRORS: Array<[string, unknown]> = [
  ['30 February', '2024-02-30'],
  ['29 February of a common year', '2023-02-29'],
  ['29 February of a century year', '1900-02-29'],
  ['31 April', '2024-04-31'],
  ['month 13', '2024-13-01'],
  ['month 0', '2024-00-10'],
  ['day 0', '2024-01-00'],
  ['year 0', '0000-01-01'],
  ['a day without a month', '2024--01'],
  ['slashes', '2024/01/01'],
  ['a number', 20240101],
];

describe('FHIR dates of any precision (isDateTime)', () => {
  it.each(['2024', '2024-02', '2024-02-29', '2000-02-29', '2021-06-11T12:33', '2021-06-11T23:59:60Z'])('accepts %s', (value) => {
    expect(isDateTime(value)).toBe(true);
  });
  it.each(CALENDAR_ERRORS)('refuses %s', (_why, value) => {
    expect(isDateTime(value)).toBe(false);
  });
});

describe('DateTime: a moment, never a bare date', () => {
  it.each([
    '2021-06-11T12:33:23Z',
    '2021-06-11T12:33:23.167Z',
    '2021-06-11T23:59:60Z', // a leap second, as FHIR allows
    '2021-06-11T00:00:00+01:00',
    '2021-06-11T00:00:00-14:00',
    '2024-02-29T09:30:00Z', // a leap year
  ])('accepts %s', (value) => {
    expect(DateTimeScalar.serialize(value)).toBe(value);
    expect(DateTimeScalar.parseValue(value)).toBe(value);
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value }, undefined)).toBe(value);
    expect(readDateTime(value)).toBe(value);
  });

  it.each([
    ...CALENDAR_ERRORS.map(([why, value]): [string, unknown] => [why, typeof value === 'string' ? `${value}T10:00:00Z` : value]),
    ['a bare date', '2024-11-19'],
    ['a year', '2024'],
    ['a month', '2024-11'],
    ['no seconds', '2021-06-11T12:33Z'],
    ['no zone', '2021-06-11T12:33:23'],
    ['hour 25', '2024-01-01T25:00:00Z'],
    ['hour 24', '2024-01-01T24:00:00Z'],
    ['minute 60', '2024-01-01T10:60:00Z'],
    ['second 61', '2024-01-01T10:00:61Z'],
    ['zone beyond 14:00', '2024-01-01T10:00:00+15:00'],
    ['zone minutes 60', '2024-01-01T10:00:00+01:60'],
  ])('refuses %s', (_why, value) => {
    expect(() => DateTimeScalar.serialize(value)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR' }) }),
    );
    expect(() => DateTimeScalar.parseValue(value)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
    expect(readDateTime(value)).toBeNull();
  });

  it('refuses with BAD_USER_INPUT and a message that does not hold the value', () => {
    let error: GraphQLError | undefined;
    try {
      DateTimeScalar.parseValue('1969-02-30T10:00:00Z');
    } catch (e) {
      error = e as GraphQLError;
    }
    expect(error?.extensions.code).toBe('BAD_USER_INPUT');
    expect(error?.message).not.toContain('1969');
  });
});

describe('Date: a calendar day', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31'])('accepts %s', (value) => {
    expect(DateScalar.serialize(value)).toBe(value);
    expect(DateScalar.parseValue(value)).toBe(value);
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value }, undefined)).toBe(value);
    expect(readDate(value)).toBe(value);
  });

  it.each([...CALENDAR_ERRORS, ['a moment', '2024-11-19T10:00:00Z'], ['a month', '2024-11'], ['a year', '2024']])(
    'refuses %s',
    (_why, value) => {
      expect(() => DateScalar.serialize(value)).toThrow(GraphQLError);
      expect(() => DateScalar.parseValue(value)).toThrow(GraphQLError);
    },
  );

  it('reads the day a FHIR dateTime names, as e-RS wrote it, and nothing from partial dates', () => {
    expect(readDate('2024-11-19T23:30:00-05:00')).toBe('2024-11-19');
    expect(readDate('2024-11')).toBeNull();
    expect(readDate('2024-02-30')).toBeNull();
  });

  it('refuses with BAD_USER_INPUT and a message that does not hold the value', () => {
    let error: GraphQLError | undefined;
    try {
      DateScalar.parseValue('1969-02-30');
    } catch (e) {
      error = e as GraphQLError;
    }
    expect(error?.extensions.code).toBe('BAD_USER_INPUT');
    expect(error?.message).not.toContain('1969');
  });
});

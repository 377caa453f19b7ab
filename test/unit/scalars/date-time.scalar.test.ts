import { GraphQLError, Kind } from 'graphql';
import { DateTimeScalar, isDateTime } from '../../../schema/scalars/date-time.scalar';
import { readDateTime } from '../../../datasources/ers/fhir';

describe('DateTime', () => {
  it.each([
    '2024',
    '2024-02',
    '2024-02-29', // a leap year
    '2000-02-29', // divisible by 400
    '2023-12-31',
    '2021-06-11T12:33',
    '2021-06-11T12:33:23',
    '2021-06-11T12:33:23.167Z',
    '2021-06-11T23:59:60Z', // a leap second, as FHIR allows
    '2021-06-11T00:00:00+01:00',
    '2021-06-11T00:00:00-14:00',
  ])('accepts %s', (value) => {
    expect(isDateTime(value)).toBe(true);
    expect(DateTimeScalar.parseValue(value)).toBe(value);
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value }, undefined)).toBe(value);
    expect(readDateTime(value)).toBe(value);
  });

  it.each([
    ['30 February', '2024-02-30'],
    ['29 February of a common year', '2023-02-29'],
    ['29 February of a century year', '1900-02-29'],
    ['31 April', '2024-04-31'],
    ['month 13', '2024-13-01'],
    ['month 0', '2024-00-10'],
    ['day 0', '2024-01-00'],
    ['hour 25', '2024-01-01T25:00:00Z'],
    ['hour 24', '2024-01-01T24:00:00Z'],
    ['minute 60', '2024-01-01T10:60:00Z'],
    ['second 61', '2024-01-01T10:00:61Z'],
    ['zone beyond 14:00', '2024-01-01T10:00:00+15:00'],
    ['zone minutes 60', '2024-01-01T10:00:00+01:60'],
    ['year 0', '0000-01-01'],
    ['a day without a month', '2024--01'],
    ['slashes', '2024/01/01'],
    ['a number', 20240101],
  ])('refuses %s', (_why, value) => {
    expect(isDateTime(value)).toBe(false);
    expect(() => DateTimeScalar.parseValue(value)).toThrow(GraphQLError);
    expect(readDateTime(value)).toBeNull();
  });

  it('refuses with BAD_USER_INPUT and a message that does not hold the value', () => {
    const error = (() => {
      try {
        DateTimeScalar.parseValue('1969-02-30');
      } catch (e) {
        return e as GraphQLError;
      }
    })();
    expect(error?.extensions.code).toBe('BAD_USER_INPUT');
    expect(error?.message).not.toContain('1969-02-30');
  });
});

import { GraphQLScalarType, Kind } from 'graphql';
import { apiError } from '../error-codes';

// FHIR date, dateTime and instant: YYYY, YYYY-MM, YYYY-MM-DD or a full time with zone. The
// regex fixes the shape; the ranges (a real calendar day, hour 0-23 ...) are checked below.
const FHIR_DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))?)?)?)?$/;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Whether a string is a FHIR date, dateTime or instant of a real calendar moment: 2024-02-29 is,
 * 2023-02-29, 2024-02-30, month 13 and hour 25 are not. Seconds may be 60 (a leap second, as
 * FHIR's own pattern allows); a zone offset is at most 14:00, as in FHIR.
 */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = FHIR_DATE_TIME.exec(value);
  if (!match) return false;
  const [, y, mo, d, h, mi, s, , zh, zm] = match;
  const year = Number(y);
  if (year < 1) return false;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return false;
  if (d !== undefined && (Number(d) < 1 || Number(d) > daysInMonth(year, Number(mo)))) return false;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59)) return false;
  if (s !== undefined && Number(s) > 60) return false;
  if (zh !== undefined && (Number(zh) > 14 || Number(zm) > 59 || (Number(zh) === 14 && Number(zm) !== 0))) return false;
  return true;
}

function check(value: unknown): string {
  // The value is never echoed: a DateTime argument can be a date of birth.
  if (!isDateTime(value)) {
    throw apiError('BAD_USER_INPUT', 'DateTime must be a real ISO 8601 date or date-time, e.g. "2024-02-29" or "2024-02-29T09:30:00Z"');
  }
  return value;
}

/**
 * A date or date-time exactly as e-RS sent it (ISO 8601, FHIR precision kept: a FHIR `date`
 * stays "2021-06-11", an `instant` keeps its milliseconds and zone). Not converted to a JS
 * Date, so no precision or zone is invented. Only real calendar dates and times pass.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description:
    'An ISO 8601 date or date-time exactly as e-RS sent it, with its original precision ' +
    '(e.g. "2021-06-11" or "2021-06-11T12:33:23.167Z"). As an input, only real calendar dates and times are ' +
    'accepted (2024-02-30 or hour 25 is BAD_USER_INPUT).',
  serialize: check,
  parseValue: check,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) return check(undefined);
    return check(ast.value);
  },
});

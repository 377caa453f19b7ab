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

const FULL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar moment with date, time to the second, and zone, e.g. "2021-06-11T12:33:23.167Z" (RFC 3339). */
export function isFullDateTime(value: unknown): value is string {
  return typeof value === 'string' && FULL_DATE_TIME.test(value) && isDateTime(value);
}

/** A real calendar day, e.g. "2024-02-29" (RFC 3339 full-date, FHIR `date` to the day). */
export function isFullDate(value: unknown): value is string {
  return typeof value === 'string' && FULL_DATE.test(value) && isDateTime(value);
}

function checked(name: string, accepts: (value: unknown) => value is string, example: string) {
  return (value: unknown): string => {
    // The value is never echoed: a date can be a date of birth.
    if (!accepts(value)) throw apiError('BAD_USER_INPUT', `${name} must be a real ${example}`);
    return value;
  };
}

/** On output, a value of another shape came from e-RS: the mappers let only well-formed values through. */
function served(name: string, accepts: (value: unknown) => value is string) {
  return (value: unknown): string => {
    if (!accepts(value)) throw apiError('UPSTREAM_ERROR', `e-RS sent a ${name} that is not one`, { reason: 'INVALID_RESPONSE' });
    return value;
  };
}

const checkDateTime = checked('DateTime', isFullDateTime, 'date and time with a zone, e.g. "2024-02-29T09:30:00Z"');
const checkDate = checked('Date', isFullDate, 'calendar day, e.g. "2024-02-29"');

/**
 * A moment: date, time and zone exactly as e-RS sent it (a FHIR `instant`, or a `dateTime` to
 * the second), milliseconds and offset kept. Never a bare date: those are `Date`.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description:
    'A moment (RFC 3339 date-time): date, time to the second and zone, exactly as e-RS sent it, e.g. ' +
    '"2021-06-11T12:33:23.167Z" or "2021-06-11T13:33:23+01:00". Never a bare date (see `Date`). As an input, only ' +
    'real calendar moments are accepted (2024-02-30 or hour 25 is BAD_USER_INPUT).',
  serialize: served('DateTime', isFullDateTime),
  parseValue: checkDateTime,
  parseLiteral(ast) {
    return checkDateTime(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});

/** A calendar day: a FHIR `date` (a letter due date, the day a document was made). */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description:
    'A calendar day (RFC 3339 full-date), e.g. "2024-11-19": a day with no time or zone, as e-RS records due dates ' +
    'and document dates. As an input, only real calendar days are accepted.',
  serialize: served('Date', isFullDate),
  parseValue: checkDate,
  parseLiteral(ast) {
    return checkDate(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});

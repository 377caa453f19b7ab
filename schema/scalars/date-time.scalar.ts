import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// FHIR date, dateTime and instant: YYYY, YYYY-MM, YYYY-MM-DD or a full time with zone.
const FHIR_DATE_TIME =
  /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

function check(value: unknown): string {
  if (typeof value !== 'string' || !FHIR_DATE_TIME.test(value)) {
    throw new GraphQLError('DateTime must be an ISO 8601 date or date-time string', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/**
 * A date or date-time exactly as e-RS sent it (ISO 8601, FHIR precision kept: a FHIR `date`
 * stays "2021-06-11", an `instant` keeps its milliseconds and zone). Not converted to a JS
 * Date, so no precision or zone is invented.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description:
    'An ISO 8601 date or date-time exactly as e-RS sent it, with its original precision ' +
    '(e.g. "2021-06-11" or "2021-06-11T12:33:23.167Z").',
  serialize: check,
  parseValue: check,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) return check(undefined);
    return check(ast.value);
  },
});

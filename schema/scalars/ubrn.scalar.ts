import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const UBRN_PATTERN = /^\d{12}$/;

function invalid(): GraphQLError {
  // The offending value is not echoed: a mistyped field could hold an NHS number.
  return new GraphQLError('UBRN must be exactly 12 digits', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

function parse(value: unknown): string {
  if (typeof value !== 'string' || !UBRN_PATTERN.test(value)) throw invalid();
  return value;
}

/** e-RS Unique Booking Reference Number: exactly 12 digits, checked before any e-RS call. */
export const UbrnScalar = new GraphQLScalarType({
  name: 'UBRN',
  description:
    'e-RS Unique Booking Reference Number: a string of exactly 12 digits (e.g. "000000070000"). ' +
    'Anything else is rejected with BAD_USER_INPUT before e-RS is called.',
  serialize: (value) => parse(value),
  parseValue: (value) => parse(value),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw invalid();
    return parse(ast.value);
  },
});

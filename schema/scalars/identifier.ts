import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { apiError } from '../error-codes';

/**
 * One e-RS identifier format, defined once: the GraphQL scalar that checks it before execution,
 * and the data sources that assert it again before the value goes into an e-RS path, query or
 * header (defence in depth: a value that did not come through the schema, e.g. from a REST
 * route or an e-RS answer, is held to the same rule).
 */
export interface IdentifierFormat {
  /** The GraphQL scalar's name, e.g. "ServiceId". */
  readonly name: string;
  readonly pattern: RegExp;
  /** What a valid value is, for messages: "an e-RS service id (1 to 20 digits)". */
  readonly description: string;
}

/**
 * A FHIR resource id (FHIR `id`: letters, digits, "-" and ".", at most 64), first character a
 * letter or digit, so that neither "." nor ".." can ever be a path segment.
 */
export const FHIR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;

/** Whether `value` is a string of this format. */
export function isIdentifier(format: IdentifierFormat, value: unknown): value is string {
  return typeof value === 'string' && format.pattern.test(value);
}

/**
 * A refused identifier: BAD_USER_INPUT whose message names the argument (or the format) and what
 * a valid value is, never the value itself (a mistyped id can be an NHS number).
 */
export function invalidIdentifier(format: IdentifierFormat, name: string = format.name): GraphQLError {
  return apiError('BAD_USER_INPUT', `${name} must be ${format.description}`);
}

/** `value` when it is of this format; else BAD_USER_INPUT naming `name`. */
export function assertIdentifier(format: IdentifierFormat, value: unknown, name: string = format.name): string {
  if (!isIdentifier(format, value)) throw invalidIdentifier(format, name);
  return value;
}

/**
 * The GraphQL scalar of an identifier format: a string checked on input (BAD_USER_INPUT) and on
 * output, where a value of another shape can only have come from e-RS (UPSTREAM_ERROR).
 */
export function identifierScalar(format: IdentifierFormat, description: string): GraphQLScalarType<string, string> {
  const check = (value: unknown) => assertIdentifier(format, value);
  return new GraphQLScalarType<string, string>({
    name: format.name,
    description: `${description} Anything else is refused with BAD_USER_INPUT before e-RS is called.`,
    serialize(value) {
      if (isIdentifier(format, value)) return value;
      throw apiError('UPSTREAM_ERROR', `e-RS sent a ${format.name} that is not ${format.description}`, { reason: 'INVALID_RESPONSE' });
    },
    parseValue: check,
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING) throw invalidIdentifier(format);
      return check(ast.value);
    },
  });
}

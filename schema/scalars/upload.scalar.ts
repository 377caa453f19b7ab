import { createHash } from 'node:crypto';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { apiError } from '../error-codes';

/** A file of a GraphQL multipart request, read in full (at most 5 MB): the value of an `Upload` argument. */
export class UploadedFile {
  constructor(
    readonly filename: string,
    readonly bytes: Buffer,
    /** True when the file was larger than e-RS accepts: only the first 5 MB were read. */
    readonly truncated: boolean,
  ) {}

  /** What the file is for idempotency: its name and a digest of its bytes (never the bytes). */
  toJSON(): { filename: string; sha256: string; size: number } {
    return { filename: this.filename, sha256: createHash('sha256').update(this.bytes).digest('base64url'), size: this.bytes.length };
  }
}

/**
 * A file sent with the GraphQL multipart request spec (a `multipart/form-data` POST to /graphql
 * with an `Apollo-Require-Preflight` header). Input only; any other value is refused.
 */
export const UploadScalar = new GraphQLScalarType({
  name: 'Upload',
  description:
    'A file of a GraphQL multipart request (multipart/form-data to /graphql, with the Apollo-Require-Preflight header). Input only.',
  parseValue(value) {
    if (value instanceof UploadedFile) return value;
    throw apiError('BAD_USER_INPUT', 'Upload must be a file sent with the GraphQL multipart request spec');
  },
  parseLiteral() {
    throw apiError('BAD_USER_INPUT', 'Upload must be a file sent with the GraphQL multipart request spec, not a literal');
  },
  serialize() {
    throw new GraphQLError('Upload is an input type');
  },
});

import { GraphQLError } from 'graphql';
import { apiError } from '../schema/error-codes';
import type { RequestContext } from '../kernel/context';
import { type AttachmentInput, PROVIDER_APPLICATION, type ReasonGiver } from '../datasources/referrals.datasource';
import type { EndpointId } from '../datasources/ers/endpoints';
import { idempotent } from '../kernel/idempotent';
import { assertIdentifier, BINARY_URL, isIdentifier, VERSION } from '../schema/scalars';

/** A refused argument: BAD_USER_INPUT, with a message that names the field but never echoes its value. */
export function badInput(message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', message);
}

/** A free-text field: at most `max` characters, and not blank when required. */
export function checkText(value: string | null | undefined, name: string, max: number, required = false): void {
  if (required && !value?.trim()) throw badInput(`${name} is required`);
  if (value && value.length > max) throw badInput(`${name} must be at most ${max} characters`);
}

/** A reference-data code (A004), e.g. a cancellation reason or a SPECIALTY. */
export const CODE = /^[A-Z0-9_]{1,64}$/;

/** A document's time may be this far ahead of ers-graph's clock (another machine's clock), no further. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Files uploaded with POST /attachments, as the builders take them; undefined when none. Each is
 * indexed when its document was made (`indexedAt` of the file, not in the future), else at
 * `sentAt` (now by default).
 */
export function uploadedFiles(
  files: ReadonlyArray<{ url: string; description?: string | null; indexedAt?: string | null }> | null | undefined,
  name: string,
  sentAt = new Date().toISOString(),
): AttachmentInput[] | undefined {
  if (!files || files.length === 0) return undefined;
  return files.map((file) => {
    if (file.indexedAt && Date.parse(file.indexedAt) > Date.now() + CLOCK_SKEW_MS)
      throw badInput(`${name}[].indexedAt must not be in the future`);
    return {
      url: assertIdentifier(BINARY_URL, file.url, `${name}[].url`),
      indexedAt: file.indexedAt ?? sentAt,
      description: file.description ?? undefined,
    };
  });
}

/** A UBRN version as e-RS `If-Match` wants it. */
export function ifMatch(version: string): Record<string, string> {
  if (!isIdentifier(VERSION, version)) {
    throw badInput('version must be the referral’s current version, e.g. "3" (Referral.version)');
  }
  return { 'If-Match': `W/"${version}"` };
}

/**
 * The usual action on one referral, on the GraphQL side: the version checked (BAD_USER_INPUT
 * before any call), then the data source's write at most once per idempotency key.
 */
export async function referralAction<T>(
  ctx: RequestContext,
  mutation: string,
  input: { ubrn: string; version: string; idempotencyKey?: string | null },
  write: () => Promise<T>,
): Promise<T> {
  ifMatch(input.version);
  return idempotent(ctx, mutation, input, write);
}

/** Who gives a reason on `endpoint` (the reference data's `businessFunction`): the request's role, or an application working for a provider. */
export async function reasonGiver(ctx: RequestContext, endpoint: EndpointId): Promise<ReasonGiver> {
  if (ctx.auth.requireIdentity().kind === 'application') return PROVIDER_APPLICATION;
  return (await ctx.auth.activeRole(endpoint)).businessFunction;
}

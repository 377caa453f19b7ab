import type { CallerAuth } from './caller';

/**
 * The access context an Idempotency-Key is scoped by: who calls (SDS user id, or the token's
 * scope when e-RS has not told us the user), in which role, at which organisation, for whom.
 * A key sent by one caller never finds another's result, nor the same user's in another role.
 */
export async function callerScope(auth: CallerAuth): Promise<string> {
  const identity = auth.requireIdentity();
  if (identity.kind === 'application') return `application:${identity.subject}`;
  const role = await auth.activeRole();
  const who = identity.userId ? `user:${identity.userId}` : identity.token.scope;
  return [who, role.businessFunction, role.odsCode, role.onBehalfOfUserId ?? ''].join('|');
}

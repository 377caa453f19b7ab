import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';
import type { OnBehalfOfUser } from '../schema/on-behalf-of-user.type';
import { fetchOnBehalfOfUsers } from './ers/practitioner.api';
import { mapOnBehalfOfUsers } from './ers/practitioner.mapper';

/**
 * Who the caller is in e-RS: on-behalf-of candidates (A040); roles (A030) come through the request's auth.
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 *
 * Endpoint -> method:
 * - A040 -> `onBehalfOfUsers`
 * - A030 -> none here: `ctx.auth.roles()` reads it once per request for the gate
 */
export class IdentityDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}

  private candidates: Promise<OnBehalfOfUser[]> | undefined;

  /** A040: the clinicians a SERVICE_PROVIDER_CLINICIAN_ADMIN may act for; read once per request, however often it is asked. */
  onBehalfOfUsers(): Promise<OnBehalfOfUser[]> {
    this.candidates ??= fetchOnBehalfOfUsers(this.ers).then(({ body }) => mapOnBehalfOfUsers(body));
    return this.candidates;
  }
}

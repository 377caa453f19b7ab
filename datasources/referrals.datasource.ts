import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';

/**
 * Referrals: reads (A005, A029, A041), pathway links, and every write on a referral (A011–A014, A016, A021, A022, A028, A031, A032, A034, A036).
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 */
export class ReferralsDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}
}

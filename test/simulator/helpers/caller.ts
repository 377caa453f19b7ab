/**
 * Caller headers for the simulator's e-RS endpoint tests: one place that turns "a user in this
 * role at this organisation" or "the application" into real access tokens and role headers.
 */
import type { RunningSimulator, SimulatorUser } from '../../../simulator';
import type { BusinessFunction } from '../../../simulator/data/world';
import { applicationAccessToken, bearer, registerTestApplication, roleHeaders, type TestApplication, userAccessToken } from './identity';

export type Headers = Record<string, string>;

/** An ODS code no seeded organisation uses, for users with no relationship to the world's requests. */
export const OTHER_PRACTICE = 'A99777';
export const OTHER_TRUST = 'RYY';

/** Extra users for relationship tests: clinicians at another practice and another trust. Pass to startSimulator({ users }). */
export const OUTSIDERS: SimulatorUser[] = [
  {
    userId: '555099000001',
    givenName: 'Olive',
    familyName: 'Outlander',
    roles: [{ odsCode: OTHER_PRACTICE, businessFunctions: ['REFERRING_CLINICIAN', 'REFERRING_ADMIN'] }],
  },
  {
    userId: '555099000002',
    givenName: 'Otto',
    familyName: 'Outfield',
    roles: [{ odsCode: OTHER_TRUST, businessFunctions: ['SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_ADMIN'] }],
  },
];

const applications = new WeakMap<RunningSimulator, Promise<TestApplication>>();
const tokens = new WeakMap<RunningSimulator, Map<string, Promise<string>>>();

function applicationOf(sim: RunningSimulator): Promise<TestApplication> {
  let app = applications.get(sim);
  if (!app) {
    app = registerTestApplication(sim);
    applications.set(sim, app);
  }
  return app;
}

function cachedToken(sim: RunningSimulator, key: string, mint: (app: TestApplication) => Promise<string>): Promise<string> {
  let bySim = tokens.get(sim);
  if (!bySim) {
    bySim = new Map();
    tokens.set(sim, bySim);
  }
  let token = bySim.get(key);
  if (!token) {
    token = applicationOf(sim).then(mint);
    bySim.set(key, token);
  }
  return token;
}

/** The default organisation for a role: the GP practice for referrer roles, the trust otherwise. */
function defaultOds(sim: RunningSimulator, businessFunction: BusinessFunction): string {
  return businessFunction.startsWith('REFERRING') ? sim.world.referrer.odsCode : sim.world.provider.odsCode;
}

/** A fully assured user holding the role at the organisation. */
function userFor(sim: RunningSimulator, businessFunction: BusinessFunction, odsCode: string): string {
  const user = sim.world.practitioners.find(
    (p) =>
      p.idAssuranceLevel >= 3 &&
      p.authenticationAssuranceLevel >= 3 &&
      p.roles.some((r) => r.odsCode === odsCode && r.businessFunctions.includes(businessFunction)),
  );
  if (!user) throw new Error(`No user holds ${businessFunction} at ${odsCode}`);
  return user.userId;
}

/**
 * Headers of a user acting as `businessFunction` at `odsCode` (default: the practice for referrer
 * roles, the trust for the rest). SERVICE_PROVIDER_CLINICIAN_ADMIN acts on behalf of a clinician at the trust.
 */
export async function asUser(
  sim: RunningSimulator,
  businessFunction: BusinessFunction,
  odsCode = defaultOds(sim, businessFunction),
): Promise<Headers> {
  const userId = userFor(sim, businessFunction, odsCode);
  const token = await cachedToken(sim, `user:${userId}`, (app) => userAccessToken(sim, app, userId));
  const onBehalfOf =
    businessFunction === 'SERVICE_PROVIDER_CLINICIAN_ADMIN' ? userFor(sim, 'SERVICE_PROVIDER_CLINICIAN', odsCode) : undefined;
  return roleHeaders(token, businessFunction, odsCode, onBehalfOf);
}

/** Headers of the application-restricted caller (no role headers). */
export async function asApplication(sim: RunningSimulator): Promise<Headers> {
  return bearer(await cachedToken(sim, 'application', (app) => applicationAccessToken(sim, app)));
}

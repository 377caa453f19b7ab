/**
 * The "optimal REST client" of issue 15: what a team would hand-write instead of ers-graph to
 * answer a screen straight from e-RS (here the simulator). `node:http` with keep-alive, the
 * project's own builders and mappers (so both sides produce the same data), the same headers
 * ers-graph sends, the same bound on concurrent calls per screen, and the fewest calls: nothing
 * read twice, each call started as soon as what it needs is known, and the same reuse across
 * screens that ers-graph allows itself (versions of a referral for the same user and role, services
 * for everyone, each for 5 minutes; never A029, worklists or current reads).
 *
 * Bench code: the importing script must `import 'reflect-metadata'` first (the mappers build
 * type-graphql classes).
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mapAvailableActions } from '../../datasources/ers/available-actions.mapper';
import { bundleResources } from '../../datasources/ers/fhir';
import { mapHealthcareService } from '../../datasources/ers/healthcare-service.mapper';
import { mapBusinessFunctions } from '../../datasources/ers/practitioner-role.mapper';
import { mapReferralRequest } from '../../datasources/ers/referral.mapper';
import { buildFetchWorklistParameters } from '../../datasources/ers/worklist.builder';
import { mapWorklist } from '../../datasources/ers/worklist.mapper';
import type { Referral } from '../../schema/referral.type';
import { DEV_AUDIENCE, httpJson, httpRequest } from './processes';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** What ers-graph keeps versions and services for (shared-reads.ts defaults, SERVICE_CACHE_TTL_SECONDS). */
const REUSE_MS = 5 * 60_000;

// ---------------------------------------------------------------------------------------------
// Sign-in: an APIM application of its own, token exchange, A030

/**
 * An application registered with the simulator's APIM-like token endpoint (a key pair made now),
 * as ers-graph registers itself in development mode, so the client can exchange ID tokens.
 */
export class ApimApplication {
  private constructor(
    private readonly tokenUrl: string,
    private readonly apiKey: string,
    private readonly kid: string,
    private readonly privateKey: PrivateKey,
  ) {}

  /** Registers a new application whose CIS2 client id is `cis2ClientId` (the ID tokens' audience). */
  static async register(agent: http.Agent, simulatorOrigin: string, cis2ClientId = DEV_AUDIENCE): Promise<ApimApplication> {
    const { publicKey, privateKey } = await generateKeyPair('RS512', { extractable: true });
    const kid = `bench-${randomUUID()}`;
    const apiKey = `bench-optimal-${randomUUID()}`;
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS512', use: 'sig' };
    const answer = await httpJson<{ tokenUrl: string }>(agent, `${simulatorOrigin}/oauth2/dev/applications`, {
      body: { apiKey, jwks: { keys: [jwk] }, cis2ClientId },
    });
    return new ApimApplication(answer.tokenUrl, apiKey, kid, privateKey);
  }

  /** A user-restricted access token for an ID token (token exchange with a signed client assertion, as APIM requires). */
  async exchange(agent: http.Agent, idToken: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid: this.kid })
      .setIssuer(this.apiKey)
      .setSubject(this.apiKey)
      .setAudience(this.tokenUrl)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + 240)
      .sign(this.privateKey);
    const form = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      subject_token: idToken,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    const answer = await httpRequest(agent, this.tokenUrl, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
    });
    const token = answer.status === 200 ? (JSON.parse(answer.body) as { access_token?: string }).access_token : undefined;
    if (!token) throw new Error(`token exchange refused: HTTP ${answer.status}`);
    return token;
  }
}

/** Versions of referrals a user read, by `ubrn/version` (immutable; kept 5 minutes for that user, as ers-graph keeps them per caller). */
export type VersionStore = Map<string, { answer: ErsAnswer; expiresAt: number }>;

/** A signed-in user: the access token, the role headers of its only role, and the versions that user may reuse. */
export interface DirectSession {
  accessToken: string;
  roleHeaders: Record<string, string>;
  versions: VersionStore;
}

// ---------------------------------------------------------------------------------------------
// Calls

/** A bound on concurrent calls (FIFO), as ers-graph's ERS_MAX_CONCURRENCY per request. */
export class CallBound {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {}

  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await call();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export interface ErsAnswer {
  body: unknown;
  etag?: string;
}

/** Services (directory data) every user may reuse for 5 minutes, by id: the client's own copy of ers-graph's shared store. */
export type ServiceStore = Map<string, { name: string | null; expiresAt: number }>;

/**
 * One screen's calls: its session, its bound, its correlation id, and a count of the e-RS calls
 * it made by endpoint id. Made per screen, like ers-graph's per-request e-RS client.
 */
export class ScreenCalls {
  readonly calls: Record<string, number> = {};
  private readonly correlationId = randomUUID();

  constructor(
    private readonly agent: http.Agent,
    /** e.g. `http://127.0.0.1:4010/FHIR` */
    readonly baseUrl: string,
    private readonly bound: CallBound,
  ) {}

  /** An e-RS call with ers-graph's headers: Accept, X-Correlation-ID, role headers (none for A030), bearer token. */
  async send(
    session: { accessToken: string; roleHeaders: Record<string, string> },
    endpoint: string,
    path: string,
    options: { method?: string; query?: Record<string, string>; body?: unknown } = {},
  ): Promise<ErsAnswer> {
    const url = `${this.baseUrl}${path}${options.query ? `?${new URLSearchParams(options.query).toString()}` : ''}`;
    const headers: Record<string, string> = {
      Accept: 'application/fhir+json',
      'X-Correlation-ID': this.correlationId,
      ...(endpoint === 'A030' ? {} : session.roleHeaders),
      Authorization: `Bearer ${session.accessToken}`,
    };
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (body !== undefined) headers['Content-Type'] = 'application/fhir+json';
    this.calls[endpoint] = (this.calls[endpoint] ?? 0) + 1;
    const answer = await this.bound.run(() => httpRequest(this.agent, url, { method: options.method, headers, body }));
    if (answer.status < 200 || answer.status >= 300) throw new Error(`${endpoint}: HTTP ${answer.status}`);
    const etag = answer.headers.etag;
    return { body: JSON.parse(answer.body) as unknown, etag: typeof etag === 'string' ? etag : undefined };
  }

  /**
   * Sign-in: the access token for the ID token, then the user's roles (A030); the only role is
   * the one used. `versions`: what this user kept before (ers-graph scopes versions by user and
   * role, not by sign-in); none by default.
   */
  async signIn(app: ApimApplication, idToken: string, versions: VersionStore = new Map()): Promise<DirectSession> {
    const accessToken = await app.exchange(this.agent, idToken);
    const { body } = await this.send({ accessToken, roleHeaders: {} }, 'A030', '/R4/PractitionerRole');
    const roles = mapBusinessFunctions(body);
    if (roles.length !== 1) throw new Error(`the bench users hold one role each; this one holds ${roles.length}`);
    const roleHeaders = { 'NHSD-eRS-Business-Function': roles[0].businessFunctionCode, 'NHSD-End-User-Organisation-ODS': roles[0].odsCode };
    return { accessToken, roleHeaders, versions };
  }

  /** A005: the current referral. */
  referral(session: DirectSession, ubrn: string): Promise<ErsAnswer> {
    return this.send(session, 'A005', `/STU3/ReferralRequest/${ubrn}`);
  }

  /** A005 `/_history/{version}`: from the user's copy when read within 5 minutes. */
  async referralVersion(session: DirectSession, ubrn: string, version: string): Promise<ErsAnswer> {
    const key = `${ubrn}/${version}`;
    const kept = session.versions.get(key);
    if (kept && kept.expiresAt > Date.now()) return kept.answer;
    const answer = await this.send(session, 'A005', `/STU3/ReferralRequest/${ubrn}/_history/${version}`);
    session.versions.set(key, { answer, expiresAt: Date.now() + REUSE_MS });
    return answer;
  }

  /** A029: the actions on one version of a referral (never reused). */
  availableActions(session: DirectSession, ubrn: string, version: string): Promise<ErsAnswer> {
    return this.send(session, 'A029', '/STU3/Task', {
      query: { focus: `ReferralRequest/${ubrn}/_history/${version}`, intent: 'proposal', status: 'ready' },
    });
  }

  /** Service names by id: from the store within 5 minutes, the rest in one A035 per 20 ids. */
  async serviceNames(session: DirectSession, store: ServiceStore, ids: readonly string[]): Promise<Map<string, string | null>> {
    const names = new Map<string, string | null>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const kept = store.get(id);
      if (kept && kept.expiresAt > Date.now()) names.set(id, kept.name);
      else missing.push(id);
    }
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += 20) batches.push(missing.slice(i, i + 20));
    await Promise.all(
      batches.map(async (batch) => {
        const { body } = await this.send(session, 'A035', '/R4/HealthcareService', { query: { _id: batch.join(',') } });
        for (const resource of bundleResources(body, 'HealthcareService')) {
          const service = mapHealthcareService(resource);
          names.set(service.id, service.name);
          store.set(service.id, { name: service.name, expiresAt: Date.now() + REUSE_MS });
        }
      }),
    );
    return names;
  }
}

// ---------------------------------------------------------------------------------------------
// The screens, answered the optimal way, shaped as ers-graph answers them

/** The provider worklist screen of bench/worklist-screen.bench.ts, as the `node`s of its edges. */
export const WORKLIST_QUERY = `{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 50) { edges { node { ubrn priority
  ... on ReferralForReviewWorklistItem { serviceName }
  referral { patientNhsNumber availableActions attachments { title } } } } } }`;

/**
 * A008, then for each of the first 50 items its A005 (at the version the item names) and its
 * A029 started together, from the UBRN and version A008 gave.
 */
export async function optimalWorklist(screen: ScreenCalls, session: DirectSession): Promise<unknown[]> {
  const { body } = await screen.send(session, 'A008', '/STU3/ReferralRequest/$ers.fetchworklist', {
    method: 'POST',
    body: buildFetchWorklistParameters({ listType: 'REFERRALS_FOR_REVIEW' }, screen.baseUrl),
  });
  const items = mapWorklist(body).items.slice(0, 50);
  return Promise.all(
    items.map(async (item) => {
      const ubrn = item.referralUbrn!;
      const version = item.referralVersion!;
      const [read, actions] = await Promise.all([
        screen.referralVersion(session, ubrn, version),
        screen.availableActions(session, ubrn, version),
      ]);
      const referral = mapReferralRequest(read.body, read.etag);
      return {
        ubrn: item.ubrn,
        priority: item.priority,
        serviceName: (item as { serviceName?: string | null }).serviceName ?? null,
        referral: {
          patientNhsNumber: referral.patientNhsNumber,
          availableActions: mapAvailableActions(actions.body).actions,
          attachments: referral.attachments.map((attachment) => ({ title: attachment.title })),
        },
      };
    }),
  );
}

/** README's "A first query" (a referring clinician's view of a booked referral). */
export const DETAIL_UBRN = '000050000001';
export const DETAIL_QUERY = `{ referral(ubrn: "${DETAIL_UBRN}") { ubrn version state { state } priority specialty { display } shortlist { id name } bookedService { name } } }`;

/** A005, then the services it names (shortlist and booked service) in one A035 unless kept. */
export async function optimalDetail(screen: ScreenCalls, session: DirectSession, services: ServiceStore): Promise<unknown> {
  const read = await screen.referral(session, DETAIL_UBRN);
  const referral: Referral = mapReferralRequest(read.body, read.etag);
  const ids = [...referral.shortlistServiceIds, ...(referral.bookedServiceId ? [referral.bookedServiceId] : [])];
  const names = ids.length > 0 ? await screen.serviceNames(session, services, ids) : new Map<string, string | null>();
  return {
    ubrn: referral.ubrn,
    version: referral.version,
    state: referral.state ? { state: referral.state.state } : null,
    priority: referral.priority,
    specialty: referral.specialty ? { display: referral.specialty.display } : null,
    shortlist: referral.shortlistServiceIds.map((id) => (names.has(id) ? { id, name: names.get(id) } : null)),
    bookedService: referral.bookedServiceId ? { name: names.get(referral.bookedServiceId) ?? null } : null,
  };
}

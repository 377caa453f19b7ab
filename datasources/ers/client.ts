import { PassThrough, pipeline, type Readable } from 'node:stream';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { ErsError, errorFromResponse } from './errors';
import { ersAdapter, ersAgents } from './http-adapter';
import type { RateLimiter } from './rate-limiter';

/**
 * Where the client gets the caller's e-RS access token and role headers. Implemented by the
 * request's auth state (src/auth); the client never decides who the caller is.
 */
export interface ErsCredentials {
  /** The access token for the next call (may exchange or fetch one). */
  accessToken(): Promise<string | undefined>;
  /** e-RS answered 401: drop the cached token. True when a fresh token may succeed. */
  invalidate(): Promise<boolean>;
  /**
   * The NHSD role headers for a call to this endpoint: `NHSD-eRS-Business-Function`,
   * `NHSD-End-User-Organisation-ODS`, `NHSD-eRS-On-Behalf-Of-User-ID`; none for
   * application-restricted calls or A030.
   */
  roleHeaders(endpoint: string): Promise<Record<string, string>>;
}

/**
 * A cap on the e-RS calls of one GraphQL request (src/cost): `spend` is called before every
 * attempt and throws once the request has used its share, so that call never leaves.
 */
export interface CallBudget {
  spend(endpoint: string): void;
}

/** Who the call is made for. */
export interface ErsCaller {
  credentials: ErsCredentials;
  /** `X-Correlation-ID`, the caller's or a fresh UUID. */
  correlationId: string;
  /** The request's cap on e-RS calls; none when absent. */
  budget?: CallBudget;
  /**
   * Aborts every pending and queued call of the request: its deadline passed, or its client
   * went away. Its `reason` is a `RequestAbort`.
   */
  signal?: AbortSignal;
  /** When the request must have its answer (epoch ms): no call, wait or retry goes past it. */
  deadlineAt?: number;
  /** Whose fair share of the deployment's rate limit the calls use (a user or an application). */
  tenant?: string;
}

/** Why a request's calls were abandoned: the `reason` of `ErsCaller.signal`. */
export class RequestAbort extends Error {
  constructor(readonly why: 'DEADLINE' | 'CLIENT_CLOSED') {
    super(why === 'DEADLINE' ? 'request deadline passed' : 'client closed the connection');
    this.name = 'RequestAbort';
  }
}

/** The typed error of a call abandoned for its request's sake, at this endpoint. */
export function abandoned(signal: AbortSignal | undefined, endpoint: string): ErsError {
  const why = signal?.reason instanceof RequestAbort ? signal.reason.why : 'DEADLINE';
  return why === 'CLIENT_CLOSED'
    ? new ErsError('CANCELLED', { endpoint, transport: 'CLIENT_CLOSED' })
    : new ErsError('DEADLINE_EXCEEDED', { endpoint, transport: 'DEADLINE' });
}

/** Fixed credentials: a token and role headers as given (tests, tools). */
export function staticCredentials(token: string | undefined, roleHeaders: Record<string, string> = {}): ErsCredentials {
  return {
    accessToken: async () => token,
    invalidate: async () => false,
    roleHeaders: async () => roleHeaders,
  };
}

/** One finished upstream call, for logs and metrics. Carries no patient data or token. */
export interface ErsCallEvent {
  endpoint: string;
  method: string;
  status: number | 'TIMEOUT' | 'CONNECTION' | 'ABORTED' | 'TOO_LARGE';
  durationMs: number;
  attempt: number;
}

export interface ErsClientOptions {
  timeoutMs: number;
  /** Most e-RS calls in flight at once for one GraphQL request. */
  maxConcurrency: number;
  /** Retries of an idempotent read answered 429 (1 s, 2 s, 4 s, ... unless Retry-After says). */
  maxRateLimitRetries: number;
  /** First back-off delay; doubles each retry. */
  retryBaseDelayMs: number;
  onCall?: (event: ErsCallEvent) => void;
  /** The deployment's e-RS rate limit, shared by every request (and instance, with Redis); none when absent. */
  rateLimiter?: RateLimiter;
  /** Largest JSON answer read from e-RS (bytes); a bigger one is cut off as it arrives. */
  maxResponseBytes?: number;
}

export interface ErsResponse {
  status: number;
  body: unknown;
  /**
   * The body as e-RS sent it (JSON text), when it came from e-RS: what a version kept across
   * requests is copied from, so no request serializes a body it already had as text.
   */
  text?: string;
  /** The `ETag` header, e.g. `W/"5"`. */
  etag?: string;
  /** The `Location` header of a create (e.g. A020's `Binary/<id>`). */
  location?: string;
}

export interface ErsRequest {
  /** e-RS endpoint id (A005, ...), used in errors, logs and metrics. */
  endpoint: string;
  method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  /** Path after the base URL, e.g. `/STU3/ReferralRequest/000000070000`. */
  path: string;
  params?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: unknown;
  /** A POST that only reads (e.g. `$ers.fetchworklist`), so it may be retried after a 429. */
  readOnly?: boolean;
  /** The `Accept` header; FHIR JSON by default. */
  accept?: string;
}

/** A file from e-RS as it arrives: the body is a stream, not a buffer (A007, A019, A042, A043). */
export interface ErsStream {
  status: number;
  headers: Record<string, unknown>;
  body: Readable;
}

/** Redirects a stream may answer with (A042 sends the caller to a pre-signed object-store URL). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Error bodies of streams are read up to this size; beyond it the body is not an OperationOutcome anyway. */
const MAX_ERROR_BODY = 64 * 1024;

// The object store is not e-RS: a bare instance, so no default or caller header can reach it.
const objectStoreHttp = axios.create({ maxRedirects: 0, validateStatus: () => true });

const httpPool = new Map<string, AxiosInstance>();

/** Whether the environment names an HTTP proxy, as axios reads it (HTTP_PROXY, HTTPS_PROXY, either case). */
function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'].some((name) => Boolean(env[name]));
}

/**
 * The shared axios instance for a base URL. It holds no caller state (headers are set per
 * call), so one per base URL is safe to share; it keeps the keep-alive sockets warm.
 * Everything that is the same for every call is set here once, so axios merges less per call.
 */
export function ersHttp(baseUrl: string, env: NodeJS.ProcessEnv = process.env): AxiosInstance {
  let http = httpPool.get(baseUrl);
  if (!http) {
    http = axios.create({
      baseURL: baseUrl,
      // Every status is handled here, so axios never builds an error that carries our headers.
      validateStatus: () => true,
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true },
      paramsSerializer: { indexes: null },
      // A proxy is looked up in the environment once, here, not on every call: with none named,
      // axios is told so (it would otherwise read the environment for each call), and JSON calls
      // go through the e-RS adapter on keep-alive agents (http-adapter.ts); through a proxy,
      // everything stays with axios's own adapter, as it was.
      ...(proxyConfigured(env)
        ? {}
        : { proxy: false as const, adapter: ersAdapter, httpAgent: ersAgents.http, httpsAgent: ersAgents.https }),
    });
    httpPool.set(baseUrl, http);
  }
  return http;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The per-request e-RS client: the caller's identity headers, a bound on concurrent calls,
 * timeouts, back-off on 429 for reads, and error translation. Built in the context factory;
 * never shared between requests.
 */
export class ErsClient {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private sent = 0;

  constructor(
    private readonly http: AxiosInstance,
    readonly caller: ErsCaller,
    private readonly options: ErsClientOptions,
  ) {}

  /** e-RS calls this client has sent (every attempt that reached the wire). */
  get callsMade(): number {
    return this.sent;
  }

  /** The e-RS base URL (…/FHIR); e-RS code systems are published under it (`_baseUrl_` in the spec). */
  get baseUrl(): string {
    return String(this.http.defaults.baseURL ?? '');
  }

  /** Sends one request and returns a 2xx response (JSON body), or throws an `ErsError`. */
  async send(request: ErsRequest): Promise<ErsResponse> {
    const response = await this.exchange(request, false);
    const etag = response.headers['etag'];
    const location = response.headers['location'];
    const text = response.data as string;
    return new TextResponse(
      response.status,
      text,
      typeof etag === 'string' ? etag : undefined,
      typeof location === 'string' ? location : undefined,
    );
  }

  /**
   * Sends one request whose answer is a file: a 2xx (or a redirect) with its body as a stream,
   * else an `ErsError`. Same headers, limits, retries and error mapping as `send`; the body is
   * cut off when e-RS sends nothing for the call's timeout.
   */
  async stream(request: ErsRequest): Promise<ErsStream> {
    const response = await this.exchange(request, true);
    return {
      status: response.status,
      headers: response.headers as Record<string, unknown>,
      body: idleLimited(response.data, this.options.timeoutMs, request.endpoint),
    };
  }

  /**
   * GETs a pre-signed object-store URL e-RS redirected to (A042): not e-RS, so no caller
   * header (token, roles, correlation id) and no rate limit, but the same timeout, abort,
   * metrics and error mapping. 2xx only; the body is a stream.
   */
  async fetchRedirect(endpoint: string, url: string): Promise<ErsStream> {
    const { signal } = this.caller;
    const response = await this.timed({ endpoint, method: 'GET' }, 1, this.options.timeoutMs, () =>
      objectStoreHttp.get<Readable>(url, {
        // Exactly these headers: no Authorization, no NHSD-*, no X-Correlation-ID.
        headers: { Accept: '*/*', 'Accept-Encoding': 'identity' },
        responseType: 'stream',
        decompress: false,
        timeout: this.options.timeoutMs,
        maxRedirects: 0,
        signal,
      }),
    );
    if (response.status >= 200 && response.status < 300) {
      return {
        status: response.status,
        headers: response.headers as Record<string, unknown>,
        body: idleLimited(response.data, this.options.timeoutMs, endpoint),
      };
    }
    response.data.destroy();
    // An expired or refused pre-signed URL, or a missing object: e-RS's side failed us, not the caller.
    throw new ErsError(response.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_ERROR', {
      endpoint,
      httpStatus: response.status,
      transport: 'INVALID_RESPONSE',
    });
  }

  /** The one request loop of JSON and streamed calls: budget, concurrency, rate limit, retries, errors. */
  private async exchange(request: ErsRequest, streaming: boolean): Promise<AxiosResponse> {
    const idempotent = request.method === 'GET' || request.method === 'HEAD' || request.readOnly === true;
    let retriedWithFreshToken = false;
    for (let attempt = 1; ; attempt++) {
      if (this.caller.signal?.aborted) throw abandoned(this.caller.signal, request.endpoint);
      this.caller.budget?.spend(request.endpoint);
      await this.acquire(request.endpoint);
      let response: AxiosResponse;
      try {
        response = await this.once(request, attempt, !idempotent, streaming);
      } finally {
        this.release();
      }
      if ((response.status >= 200 && response.status < 300) || (streaming && REDIRECTS.has(response.status))) return response;
      const body = streaming ? await readSmall(response.data as Readable) : response.data;
      const error = errorFromResponse(request.endpoint, response.status, body, response.headers as Record<string, unknown>);
      // A token e-RS no longer accepts (expired early, revoked): one retry with a fresh one.
      // Safe for writes too: e-RS did not act on a request it refused as unauthenticated.
      if (error.httpStatus === 401 && !retriedWithFreshToken && (await this.caller.credentials.invalidate())) {
        retriedWithFreshToken = true;
        continue;
      }
      if (error.code === 'RATE_LIMITED' && idempotent && attempt <= this.options.maxRateLimitRetries) {
        const backoff = this.options.retryBaseDelayMs * 2 ** (attempt - 1);
        const asked = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
        const delay = Math.max(backoff, asked);
        // A wait the request cannot afford: tell the caller now when to retry, rather than after its deadline.
        if (this.caller.deadlineAt !== undefined && Date.now() + delay >= this.caller.deadlineAt) throw error;
        await this.pause(delay, request.endpoint);
        continue;
      }
      throw error;
    }
  }

  /** Waits `ms`, unless the request is abandoned first. */
  private pause(ms: number, endpoint: string): Promise<void> {
    const { signal } = this.caller;
    if (!signal) return sleep(ms).then(() => undefined);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(abandoned(signal, endpoint));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Reads a FHIR resource (JSON) and returns it with its ETag. */
  async read(endpoint: string, path: string, params?: ErsRequest['params']): Promise<ErsResponse> {
    return this.send({ endpoint, method: 'GET', path, params });
  }

  private async headers(request: ErsRequest): Promise<Record<string, string>> {
    const { credentials, correlationId } = this.caller;
    const [token, roleHeaders] = await Promise.all([credentials.accessToken(), credentials.roleHeaders(request.endpoint)]);
    const headers: Record<string, string> = {
      Accept: request.accept ?? 'application/fhir+json',
      'X-Correlation-ID': correlationId,
      ...roleHeaders,
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    return { ...headers, ...request.headers };
  }

  private async once(request: ErsRequest, attempt: number, write: boolean, streaming: boolean): Promise<AxiosResponse> {
    const { signal, deadlineAt, tenant } = this.caller;
    const headers = await this.headers(request);
    // The rate limit right before the wire: a slow token or role look-up must not bunch calls up.
    try {
      await this.options.rateLimiter?.acquire(request.endpoint, { tenant, write, signal, deadlineAt });
    } catch (error) {
      // The limiter gives up with the signal's own reason: turn it into this call's typed error.
      throw signal?.aborted ? abandoned(signal, request.endpoint) : error;
    }
    if (signal?.aborted) throw abandoned(signal, request.endpoint);
    // The call's own timeout, or less when the request's deadline comes sooner.
    const left = deadlineAt === undefined ? Infinity : deadlineAt - Date.now();
    if (left <= 0) throw abandoned(signal, request.endpoint);
    const timeout = Math.max(1, Math.min(this.options.timeoutMs, left));
    this.sent++;
    return this.timed(request, attempt, timeout, () =>
      this.http.request({
        method: request.method,
        url: request.path,
        params: request.params,
        data: request.body,
        headers: streaming
          ? // Passed through byte for byte, so Content-Length stays true; a body-less POST has no Content-Type.
            { ...headers, 'Accept-Encoding': 'identity', ...(request.body === undefined ? { 'Content-Type': false } : {}) }
          : headers,
        timeout,
        signal,
        ...(streaming
          ? { responseType: 'stream' as const, decompress: false }
          : // The text as it came: parsed once here (jsonBody), and kept as is where a version is remembered.
            { responseType: 'text' as const, transformResponse: asText, maxContentLength: this.options.maxResponseBytes ?? -1 }),
      }),
    );
  }

  /** Runs one HTTP exchange, reports it, and turns transport failures into `ErsError`s without request data. */
  private async timed<T>(
    request: Pick<ErsRequest, 'endpoint' | 'method'>,
    attempt: number,
    timeout: number,
    exchange: () => Promise<AxiosResponse<T>>,
  ): Promise<AxiosResponse<T>> {
    const { signal } = this.caller;
    const started = performance.now();
    const report = (status: ErsCallEvent['status']) =>
      this.options.onCall?.({
        endpoint: request.endpoint,
        method: request.method,
        status,
        durationMs: performance.now() - started,
        attempt,
      });
    try {
      const response = await exchange();
      report(response.status);
      return response;
    } catch (cause) {
      // axios errors carry the request config, headers included: keep only what is safe.
      if (signal?.aborted) {
        report('ABORTED');
        throw abandoned(signal, request.endpoint);
      }
      if (axios.isAxiosError(cause) && cause.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(cause.message)) {
        report('TOO_LARGE');
        throw new ErsError('UPSTREAM_ERROR', { endpoint: request.endpoint, transport: 'RESPONSE_TOO_LARGE' });
      }
      const timedOut = axios.isAxiosError(cause) && (cause.code === 'ETIMEDOUT' || cause.code === 'ECONNABORTED');
      report(timedOut ? 'TIMEOUT' : 'CONNECTION');
      // Cut short by the request's deadline rather than by e-RS being slow for its own timeout.
      if (timedOut && timeout < this.options.timeoutMs) throw abandoned(undefined, request.endpoint);
      throw new ErsError('UPSTREAM_UNAVAILABLE', {
        endpoint: request.endpoint,
        transport: timedOut ? 'TIMEOUT' : 'CONNECTION',
        cause: axios.isAxiosError(cause) ? new Error(`${cause.code ?? 'ERR'}: transport failure`) : undefined,
      });
    }
  }

  /** A slot among this request's `maxConcurrency`; waiting for one ends when the request is abandoned. */
  private async acquire(endpoint: string): Promise<void> {
    if (this.active < this.options.maxConcurrency) {
      this.active++;
      return;
    }
    const { signal } = this.caller;
    // The releasing call hands its slot over directly, so `active` never overshoots.
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(take);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(abandoned(signal, endpoint));
      };
      const take = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiting.push(take);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/**
 * A streamed body, cut off with UPSTREAM_UNAVAILABLE (TIMEOUT) when the upstream sends nothing
 * for `idleMs`: a stalled e-RS or object store must not hold a connection open forever.
 */
function idleLimited(source: Readable, idleMs: number, endpoint: string): Readable {
  const watched = new PassThrough();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const error = new ErsError('UPSTREAM_UNAVAILABLE', { endpoint, transport: 'TIMEOUT' });
      source.destroy(error);
      watched.destroy(error);
    }, idleMs);
    timer.unref();
  };
  source.on('data', arm);
  arm();
  pipeline(source, watched, () => clearTimeout(timer));
  return watched;
}

/** axios's response transform that leaves the body as the text it read. */
const asText = (data: unknown): unknown => data;

/**
 * A JSON answer as e-RS sent it, its body parsed on first use: an answer found to be the same as
 * one already kept mapped (a current read of an unchanged referral, SharedReads.sameAnswer) is
 * never parsed.
 */
class TextResponse implements ErsResponse {
  readonly text: string | undefined;
  private parsed?: { body: unknown };

  constructor(
    readonly status: number,
    text: string,
    readonly etag: string | undefined,
    readonly location: string | undefined,
  ) {
    this.text = text === '' ? undefined : text;
  }

  get body(): unknown {
    return (this.parsed ??= { body: jsonBody(this.text ?? '') }).body;
  }
}

/**
 * A JSON answer's body: the parsed JSON, or the text itself when it is empty or not JSON (as
 * axios's own parsing gave it; the mappers' checks then refuse it as an invalid answer).
 */
function jsonBody(text: string): unknown {
  if (text === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads an error body (bounded) as text, then stops the stream. */
async function readSmall(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      chunks.push(buffer);
      size += buffer.length;
      if (size > MAX_ERROR_BODY) break;
    }
  } catch {
    // A body cut short is still an error of its status.
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { ErsError, errorFromResponse } from './errors';

/** Who the call is made for: forwarded to e-RS on every request. */
export interface ErsCaller {
  /** The full `Authorization` header value (e.g. "Bearer abc"). */
  authorization?: string;
  /** `NHSD-eRS-Business-Function`, e.g. SERVICE_PROVIDER_CLINICIAN. */
  businessFunction?: string;
  /** `NHSD-End-User-Organisation-ODS`. */
  odsCode?: string;
  /** `NHSD-eRS-On-Behalf-Of-User-ID`, only with SERVICE_PROVIDER_CLINICIAN_ADMIN. */
  onBehalfOfUserId?: string;
  /** `X-Correlation-ID`, the caller's or a fresh UUID. */
  correlationId: string;
}

/** One finished upstream call, for logs and metrics. Carries no patient data or token. */
export interface ErsCallEvent {
  endpoint: string;
  method: string;
  status: number | 'TIMEOUT' | 'CONNECTION';
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
}

export interface ErsResponse {
  status: number;
  body: unknown;
  /** The `ETag` header, e.g. `W/"5"`. */
  etag?: string;
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
}

const httpPool = new Map<string, AxiosInstance>();

/**
 * The shared axios instance for a base URL. It holds no caller state (headers are set per
 * call), so one per base URL is safe to share; it keeps the keep-alive sockets warm.
 */
export function ersHttp(baseUrl: string): AxiosInstance {
  let http = httpPool.get(baseUrl);
  if (!http) {
    http = axios.create({
      baseURL: baseUrl,
      // Every status is handled here, so axios never builds an error that carries our headers.
      validateStatus: () => true,
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true },
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

  constructor(
    private readonly http: AxiosInstance,
    readonly caller: ErsCaller,
    private readonly options: ErsClientOptions,
  ) {}

  /** Sends one request and returns a 2xx response, or throws an `ErsError`. */
  async send(request: ErsRequest): Promise<ErsResponse> {
    const idempotent = request.method === 'GET' || request.method === 'HEAD';
    for (let attempt = 1; ; attempt++) {
      await this.acquire();
      let response: AxiosResponse;
      try {
        response = await this.once(request, attempt);
      } finally {
        this.release();
      }
      if (response.status >= 200 && response.status < 300) {
        const etag = response.headers['etag'];
        return {
          status: response.status,
          body: response.data,
          etag: typeof etag === 'string' ? etag : undefined,
        };
      }
      const error = errorFromResponse(
        request.endpoint,
        response.status,
        response.data,
        response.headers as Record<string, unknown>,
      );
      if (error.code === 'RATE_LIMITED' && idempotent && attempt <= this.options.maxRateLimitRetries) {
        const backoff = this.options.retryBaseDelayMs * 2 ** (attempt - 1);
        const asked = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
        await sleep(Math.max(backoff, asked));
        continue;
      }
      throw error;
    }
  }

  /** Reads a FHIR resource (JSON) and returns it with its ETag. */
  async read(endpoint: string, path: string, params?: ErsRequest['params']): Promise<ErsResponse> {
    return this.send({ endpoint, method: 'GET', path, params });
  }

  private headers(extra?: Record<string, string>): Record<string, string> {
    const { caller } = this;
    const headers: Record<string, string> = {
      Accept: 'application/fhir+json',
      'X-Correlation-ID': caller.correlationId,
    };
    if (caller.authorization) headers.Authorization = caller.authorization;
    if (caller.businessFunction) headers['NHSD-eRS-Business-Function'] = caller.businessFunction;
    if (caller.odsCode) headers['NHSD-End-User-Organisation-ODS'] = caller.odsCode;
    if (caller.onBehalfOfUserId) headers['NHSD-eRS-On-Behalf-Of-User-ID'] = caller.onBehalfOfUserId;
    return { ...headers, ...extra };
  }

  private async once(request: ErsRequest, attempt: number): Promise<AxiosResponse> {
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
      const response = await this.http.request({
        method: request.method,
        url: request.path,
        params: request.params,
        paramsSerializer: { indexes: null },
        data: request.body,
        headers: this.headers(request.headers),
        timeout: this.options.timeoutMs,
      });
      report(response.status);
      return response;
    } catch (cause) {
      // axios errors carry the request config, headers included: keep only what is safe.
      const timedOut = axios.isAxiosError(cause) && cause.code === 'ETIMEDOUT';
      report(timedOut ? 'TIMEOUT' : 'CONNECTION');
      throw new ErsError('UPSTREAM_UNAVAILABLE', {
        endpoint: request.endpoint,
        transport: timedOut ? 'TIMEOUT' : 'CONNECTION',
        cause: axios.isAxiosError(cause) ? new Error(`${cause.code ?? 'ERR'}: transport failure`) : undefined,
      });
    }
  }

  private async acquire(): Promise<void> {
    if (this.active < this.options.maxConcurrency) {
      this.active++;
      return;
    }
    // The releasing call hands its slot over directly, so `active` never overshoots.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

import type { Readable } from 'node:stream';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import type { ErsCallEvent, ErsCaller } from './client';
import { ErsError, errorFromResponse } from './errors';

/**
 * Downloads from e-RS as streams: attachments (A042) and the generated PDFs (A007, A043).
 * `ErsClient` parses JSON bodies; these endpoints answer bytes (or a redirect to bytes), so they
 * get their own small request path here, with the same caller headers and error translation.
 */

/** A file on its way from e-RS: the body is a stream, not a buffer. */
export interface ErsDownload {
  contentType?: string;
  /** Bytes, when the upstream said (and the body is passed through unchanged). */
  contentLength?: number;
  /** Passed through as is when the upstream compressed the body anyway. */
  contentEncoding?: string;
  /** The file name the upstream gave in its Content-Disposition, unsanitised. */
  filename?: string;
  body: Readable;
}

export interface BinaryApiDeps {
  /** The shared e-RS axios instance (`ersHttp(baseUrl)`): no redirects, every status resolved. */
  http: AxiosInstance;
  caller: ErsCaller;
  timeoutMs: number;
  onCall?: (event: ErsCallEvent) => void;
  /** Where A042's redirect is followed; a plain axios instance by default (no e-RS headers). */
  objectStore?: AxiosInstance;
}

/** Error bodies are read up to this size; beyond it the body is not an OperationOutcome anyway. */
const MAX_ERROR_BODY = 64 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

// The object store is not e-RS: a bare instance, so no default or caller header can reach it.
const objectStoreHttp = axios.create({ maxRedirects: 0, validateStatus: () => true });

/**
 * A042: the attachment with this binary id (the `<id>` of `Attachment.url` "Binary/<id>").
 * e-RS answers 307 to a short-lived pre-signed object-store URL; it is followed here with a
 * plain request (no token, no NHSD headers, no correlation id) and never cached: every download
 * asks A042 for a fresh one, as the endpoint page requires.
 */
export async function retrieveAttachment(deps: BinaryApiDeps, binaryId: string): Promise<ErsDownload> {
  const response = await sendErs(deps, {
    endpoint: 'A042',
    method: 'GET',
    path: `/R4/Binary/${encodeURIComponent(binaryId)}`,
    accept: '*/*',
  });
  if (response.status >= 200 && response.status < 300) return download(response);
  const location = response.headers['location'];
  response.data.destroy();
  const target = typeof location === 'string' ? safeLocation(location, deps.http.defaults.baseURL) : undefined;
  if (!target) throw new ErsError('UPSTREAM_ERROR', { endpoint: 'A042', httpStatus: response.status, transport: 'INVALID_RESPONSE' });
  return followToObjectStore(deps, target);
}

/** A007: the clinical information summary PDF of a referral. */
export async function retrieveClinicalInformation(deps: BinaryApiDeps, ubrn: string): Promise<ErsDownload> {
  const response = await sendErs(deps, {
    endpoint: 'A007',
    method: 'POST',
    path: `/STU3/ReferralRequest/${encodeURIComponent(ubrn)}/$ers.generateCRI`,
    accept: 'application/pdf, application/fhir+json;q=0.9',
  });
  return download(response);
}

/** A043: the overview PDF of an advice and guidance request. */
export async function retrieveAdviceOverview(deps: BinaryApiDeps, ubrn: string): Promise<ErsDownload> {
  const response = await sendErs(deps, {
    endpoint: 'A043',
    method: 'POST',
    path: `/STU3/CommunicationRequest/${encodeURIComponent(ubrn)}/$ers.generateCRI`,
    accept: 'application/pdf, application/fhir+json;q=0.9',
  });
  return download(response);
}

interface BinaryRequest {
  endpoint: string;
  method: 'GET' | 'POST';
  path: string;
  accept: string;
}

/**
 * One e-RS call with the caller's token and role headers; resolves with a 2xx or 3xx streamed
 * response, throws an `ErsError` for anything else. A 401 is retried once with a fresh token
 * (as `ErsClient` does); other failures are not retried: the user can click again.
 */
async function sendErs(deps: BinaryApiDeps, request: BinaryRequest): Promise<AxiosResponse<Readable>> {
  const { credentials, correlationId } = deps.caller;
  for (let attempt = 1; ; attempt++) {
    const [token, roleHeaders] = await Promise.all([credentials.accessToken(), credentials.roleHeaders(request.endpoint)]);
    const headers: Record<string, string> = {
      Accept: request.accept,
      // Passed through byte for byte, so Content-Length stays true.
      'Accept-Encoding': 'identity',
      'X-Correlation-ID': correlationId,
      ...roleHeaders,
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await timed(deps, request.endpoint, request.method, attempt, () =>
      deps.http.request<Readable>({
        method: request.method,
        url: request.path,
        // The POSTs (A007, A043) have no body: no Content-Type either (axios would default to a form).
        headers: { ...headers, 'Content-Type': false },
        responseType: 'stream',
        decompress: false,
        timeout: deps.timeoutMs,
      }),
    );
    if (response.status < 400 && (response.status < 300 || REDIRECTS.has(response.status))) return response;
    const body = await readSmall(response.data);
    const error = errorFromResponse(request.endpoint, response.status, body, response.headers as Record<string, unknown>);
    if (error.httpStatus === 401 && attempt === 1 && (await credentials.invalidate())) continue;
    throw error;
  }
}

/** Follows A042's redirect: nothing of the caller's goes with it. */
async function followToObjectStore(deps: BinaryApiDeps, target: string): Promise<ErsDownload> {
  const http = deps.objectStore ?? objectStoreHttp;
  const response = await timed(deps, 'A042', 'GET', 1, () =>
    http.get<Readable>(target, {
      // Exactly these headers: no Authorization, no NHSD-*, no X-Correlation-ID.
      headers: { Accept: '*/*', 'Accept-Encoding': 'identity' },
      responseType: 'stream',
      decompress: false,
      timeout: deps.timeoutMs,
      maxRedirects: 0,
    }),
  );
  if (response.status >= 200 && response.status < 300) return download(response);
  response.data.destroy();
  // An expired or refused pre-signed URL, or a missing object: e-RS's side failed us, not the caller.
  throw new ErsError(response.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_ERROR', {
    endpoint: 'A042',
    httpStatus: response.status,
    transport: 'INVALID_RESPONSE',
  });
}

/** Runs one HTTP exchange, reports it, and turns transport failures into `ErsError`s without request data. */
async function timed<T>(
  deps: BinaryApiDeps,
  endpoint: string,
  method: string,
  attempt: number,
  send: () => Promise<AxiosResponse<T>>,
): Promise<AxiosResponse<T>> {
  const started = performance.now();
  const report = (status: ErsCallEvent['status']) =>
    deps.onCall?.({ endpoint, method, status, durationMs: performance.now() - started, attempt });
  try {
    const response = await send();
    report(response.status);
    return response;
  } catch (cause) {
    // axios errors carry the request config, headers included: keep only what is safe.
    const timedOut = axios.isAxiosError(cause) && (cause.code === 'ETIMEDOUT' || cause.code === 'ECONNABORTED');
    report(timedOut ? 'TIMEOUT' : 'CONNECTION');
    throw new ErsError('UPSTREAM_UNAVAILABLE', {
      endpoint,
      transport: timedOut ? 'TIMEOUT' : 'CONNECTION',
      cause: axios.isAxiosError(cause) ? new Error(`${cause.code ?? 'ERR'}: transport failure`) : undefined,
    });
  }
}

function download(response: AxiosResponse<Readable>): ErsDownload {
  const header = (name: string) => {
    const value = response.headers[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const length = header('content-length');
  return {
    contentType: header('content-type'),
    contentLength: length && /^\d+$/.test(length) ? Number(length) : undefined,
    contentEncoding: header('content-encoding'),
    filename: filenameOf(header('content-disposition')),
    body: response.data,
  };
}

/** The redirect target as an absolute http(s) URL (relative ones resolve against e-RS), else undefined. */
function safeLocation(location: string, base: string | undefined): string | undefined {
  try {
    const url = new URL(location, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    // Credentials in a redirect URL would be sent as Authorization: refuse rather than leak.
    if (url.username || url.password) return undefined;
    return url.toString();
  } catch {
    return undefined;
  }
}

/** The file name of a Content-Disposition header (`filename*=UTF-8''...` preferred). */
export function filenameOf(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || undefined;
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

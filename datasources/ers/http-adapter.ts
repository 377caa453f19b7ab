import http from 'node:http';
import https from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import axios, { AxiosError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';

/**
 * axios's request adapter for the e-RS calls that answer JSON: one `node:http(s)` exchange on a
 * keep-alive agent, the whole answer read as text. axios stays the client (its config, headers,
 * transforms, errors); this replaces only its general-purpose Node adapter, which on a single
 * referral read cost 0.16 ms of CPU per call more (`npm run bench:floor`: a bare Apollo server
 * reading A005 through axios 0.67 ms per request, through axios with this adapter 0.51 ms, through
 * `node:http` alone 0.37 ms). Anything it was not written for goes to axios's own adapter: streams
 * (downloads and uploads), other response types, a proxy, bodies that are neither text nor bytes.
 *
 * What it keeps of axios's adapter: gzip, deflate and br answers decoded; `maxContentLength`
 * counted as the answer arrives, the connection closed when it is passed (an `ERR_BAD_RESPONSE`
 * naming maxContentLength); `timeout` as an `ETIMEDOUT` (with `transitional.clarifyTimeoutError`,
 * as ersHttp sets, else `ECONNABORTED`), here for the whole exchange, not only for a quiet socket;
 * `signal` as an `ERR_CANCELED`; `validateStatus`; transport failures as AxiosErrors with Node's code.
 */

/**
 * One keep-alive pool per scheme for every e-RS call, axios's adapter included (`httpAgent`/`httpsAgent`):
 * Node's global agent's settings (LIFO, idle sockets closed after 5 s, so a socket e-RS is about to
 * close is rarely reused), except the keep-alive probe interval, which is the one axios sets on every
 * socket it uses (60 s): a socket's option is then set once, not flipped on each call by the two of them.
 */
const AGENT_OPTIONS = { keepAlive: true, keepAliveMsecs: 60_000, scheduling: 'lifo', timeout: 5000 } as const;
export const ersAgents = {
  http: new http.Agent(AGENT_OPTIONS),
  https: new https.Agent(AGENT_OPTIONS),
};

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: () => zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }),
  'x-gzip': () => zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};
const ACCEPT_ENCODING = 'gzip, deflate, br';

/** The query of `params` (no `?`) as ersHttp's paramsSerializer writes it: a repeated key per array item. */
export function queryString(params: unknown): string {
  if (params === undefined || params === null) return '';
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined && item !== null) query.append(name, String(item));
  }
  return query.toString();
}

/** `url` under `baseURL` as axios joins them: one slash between, an absolute `url` as it is. */
export function fullPath(baseURL: string | undefined, url: string): string {
  if (!baseURL || /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url)) return url;
  return url ? `${baseURL.replace(/\/?\/$/, '')}/${url.replace(/^\/+/, '')}` : baseURL;
}

/** Whether this adapter answers the call; else axios's own does. */
function handles(config: InternalAxiosRequestConfig): boolean {
  const { data } = config;
  return (
    config.responseType === 'text' &&
    config.proxy === false &&
    !config.socketPath &&
    !config.auth &&
    (data === undefined || data === null || typeof data === 'string' || Buffer.isBuffer(data))
  );
}

export const ersAdapter: AxiosAdapter = (config) => (handles(config) ? exchange(config) : axios.getAdapter('http')(config));

function exchange(config: InternalAxiosRequestConfig): Promise<AxiosResponse<string>> {
  return new Promise((resolve, reject) => {
    const path = fullPath(config.baseURL, config.url ?? '');
    const query = queryString(config.params);
    const url = query === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${query}`;
    const secure = url.startsWith('https:');
    const body = config.data === undefined || config.data === null ? undefined : Buffer.from(config.data as string | Buffer);
    const headers = config.headers;
    headers.set('User-Agent', `axios/${axios.VERSION}`, false);
    headers.set('Accept-Encoding', ACCEPT_ENCODING, false);
    if (body) headers.setContentLength(body.length, false);

    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const { signal } = config;
    const finish = (error: AxiosError | undefined, response?: AxiosResponse<string>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener?.('abort', onAbort);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(response!);
    };
    const onAbort = () => finish(new axios.CanceledError(undefined, config, request));

    const request = (secure ? https : http).request(
      url,
      {
        method: (config.method ?? 'get').toUpperCase(),
        headers: headers.toJSON() as http.OutgoingHttpHeaders,
        agent: secure ? (config.httpsAgent ?? ersAgents.https) : (config.httpAgent ?? ersAgents.http),
      },
      (answer) => {
        const decoder =
          request.method === 'HEAD' || answer.statusCode === 204
            ? undefined
            : DECODERS[String(answer.headers['content-encoding'] ?? '').toLowerCase()];
        const source: Readable = decoder ? (pipeline(answer, decoder(), () => undefined) as unknown as Readable) : answer;
        if (decoder) delete answer.headers['content-encoding'];
        const max = config.maxContentLength ?? -1;
        const chunks: Buffer[] = [];
        let length = 0;
        source.on('data', (chunk: Buffer) => {
          if (settled) return;
          length += chunk.length;
          if (max > -1 && length > max) {
            finish(new AxiosError(`maxContentLength size of ${max} exceeded`, AxiosError.ERR_BAD_RESPONSE, config, request));
            answer.destroy();
            return;
          }
          chunks.push(chunk);
        });
        source.on('error', (cause: NodeJS.ErrnoException) =>
          finish(AxiosError.from(cause, cause.code ?? AxiosError.ERR_BAD_RESPONSE, config, request)),
        );
        source.once('end', () => {
          const response: AxiosResponse<string> = {
            data: chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, length).toString('utf8'),
            status: answer.statusCode ?? 0,
            statusText: answer.statusMessage ?? '',
            headers: answer.headers as AxiosResponse['headers'],
            config,
            request,
          };
          const valid = !response.status || !config.validateStatus || config.validateStatus(response.status);
          if (valid) finish(undefined, response);
          else {
            const code = response.status >= 400 && response.status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE;
            finish(new AxiosError(`Request failed with status code ${response.status}`, code, config, request, response));
          }
        });
      },
    );
    // `on`, not `once`: destroying a request may emit a second error after the first.
    request.on('error', (cause: NodeJS.ErrnoException) => finish(AxiosError.from(cause, cause.code, config, request)));

    if (config.timeout) {
      timer = setTimeout(() => {
        const code = config.transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
        finish(new AxiosError(config.timeoutErrorMessage ?? `timeout of ${config.timeout}ms exceeded`, code, config, request));
      }, config.timeout);
    }
    if (signal) {
      if (signal.aborted) return onAbort();
      signal.addEventListener?.('abort', onAbort, { once: true });
    }
    request.end(body);
  });
}

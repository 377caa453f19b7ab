/** Small structural helpers for asserting e-RS FHIR shapes in simulator tests. */
import axios, { type AxiosResponse } from 'axios';

export type Json = Record<string, any>;

/** A request that never throws on status, returning parsed JSON for FHIR bodies. */
export function call(baseUrl: string) {
  return {
    get: (path: string, headers: Record<string, string>, extra: Json = {}): Promise<AxiosResponse<any>> =>
      axios.get(`${baseUrl}${path}`, { headers, validateStatus: () => true, ...extra }),
    put: (path: string, body: unknown, headers: Record<string, string>, extra: Json = {}): Promise<AxiosResponse<any>> =>
      axios.put(`${baseUrl}${path}`, JSON.stringify(body), {
        headers: { 'Content-Type': 'application/fhir+json', ...headers },
        validateStatus: () => true,
        ...extra,
      }),
    post: (path: string, body: unknown, headers: Record<string, string>, extra: Json = {}): Promise<AxiosResponse<any>> =>
      axios.post(`${baseUrl}${path}`, body === undefined ? undefined : JSON.stringify(body), {
        headers: { 'Content-Type': 'application/fhir+json', ...headers },
        validateStatus: () => true,
        ...extra,
      }),
  };
}

/** The issue code (details.coding[0].code) of an OperationOutcome. */
export const errorCode = (body: Json): string => body.issue[0].details.coding[0].code;

/** The sub-extension with the given url. */
export const sub = (extensions: Json[], url: string): Json | undefined => extensions.find((e) => e.url === url);

/** Asserts every required key is present (and not undefined). */
export function expectKeys(value: Json, keys: string[]): void {
  for (const key of keys) expect({ key, present: value[key] !== undefined }).toEqual({ key, present: true });
}

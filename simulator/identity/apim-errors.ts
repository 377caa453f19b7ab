/**
 * The token endpoint's error bodies, as NHS APIM (the identity service in front of e-RS) sends
 * them: JSON `{ error, error_description, message_id }`. Texts follow APIM's own messages.
 */
import { randomUUID } from 'node:crypto';

/** A token endpoint refusal: HTTP status, OAuth error code and APIM's description. */
export class ApimError {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {}
}

export interface ApimErrorBody {
  error: string;
  error_description: string;
  message_id: string;
}

export function apimError(status: number, error: string, description: string): ApimError {
  return new ApimError(status, error, description);
}

/** 400 invalid_request: the request or one of its JWTs is malformed. */
export const invalidRequest = (description: string): ApimError => apimError(400, 'invalid_request', description);

/** 401 invalid_request: APIM's status for an unknown app, key or audience. */
export const unauthorisedRequest = (description: string): ApimError => apimError(401, 'invalid_request', description);

export function apimErrorBody(error: ApimError): ApimErrorBody {
  return { error: error.error, error_description: error.description, message_id: randomUUID() };
}

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

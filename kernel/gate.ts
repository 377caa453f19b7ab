import { Extensions, MiddlewareFn, UseMiddleware } from 'type-graphql';
import type { EndpointId } from '../datasources/ers/endpoints';
import type { RequestContext } from './context';

/** Where a field's e-RS endpoints are recorded in the schema (read by tests and docs). */
export const ERS_ENDPOINTS_EXTENSION = 'ersEndpoints';

function gate(endpoints: readonly EndpointId[], write: boolean): MiddlewareFn<RequestContext> {
  return async ({ context }, next) => {
    await context.auth.authorize(endpoints, { write });
    return next();
  };
}

/**
 * Declares the e-RS endpoints a field uses. Before the resolver runs, the caller must be
 * authenticated and its mode and role must be allowed by every endpoint (per the e-RS endpoint
 * pages); otherwise the field fails with UNAUTHENTICATED / FORBIDDEN / BAD_USER_INPUT and makes
 * no upstream call.
 */
export function UsesErs(...endpoints: EndpointId[]): MethodDecorator & PropertyDecorator {
  return decorate(endpoints, false);
}

/** As `UsesErs`, for fields that change e-RS: never allowed to application-restricted callers. */
export function WritesErs(...endpoints: EndpointId[]): MethodDecorator & PropertyDecorator {
  return decorate(endpoints, true);
}

function decorate(endpoints: EndpointId[], write: boolean): MethodDecorator & PropertyDecorator {
  const extensions = Extensions({ [ERS_ENDPOINTS_EXTENSION]: endpoints, ...(write ? { ersWrite: true } : {}) });
  const middleware = UseMiddleware(gate(endpoints, write));
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    extensions(target, key as string, descriptor as TypedPropertyDescriptor<unknown>);
    middleware(target, key as string, descriptor as TypedPropertyDescriptor<unknown>);
  };
}

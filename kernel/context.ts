/**
 * The request context resolvers and HTTP routes receive: the kernel's contract with the
 * bootstrap, which builds one per request (src/context.ts). Types only, over the data sources.
 */
import type { Logger } from 'pino';
import type { ErsClient } from '../datasources/ers/client';
import type { Loaders } from '../datasources/loaders';
import type { DataSources } from '../datasources/data-sources';
import type { CallerAuth } from './caller';

/** A document ers-graph serves for download (the routes in src/routes/documents.route.ts). */
export type DocumentResource =
  | { kind: 'attachment'; id: string }
  | { kind: 'clinical-information'; ubrn: string }
  | { kind: 'advice-overview'; ubrn: string }
  | { kind: 'patient-letter'; ubrn: string };

/** Download links of one request. */
export interface DocumentUrls {
  /** The public base URL (for links that need no ticket). */
  readonly publicUrl: string;
  /** An absolute link to the document with a ticket (valid a few minutes) that acts for this caller, in this role. */
  url(resource: DocumentResource): Promise<string>;
}

/** Runs an operation at most once per key, caller scope and input (src/idempotency implements it). */
export interface IdempotentRuns {
  run<T>(key: string, scope: string, inputHash: string, operation: () => Promise<T>): Promise<T>;
}

/** Everything a resolver may use for one GraphQL request. Built once per request. */
export interface RequestContext {
  correlationId: string;
  /** Who is calling, in which e-RS role, and the field gates. */
  auth: CallerAuth;
  /** The e-RS client carrying this caller's token and role headers. */
  ers: ErsClient;
  loaders: Loaders;
  /** One data source per e-RS area (datasources/*.datasource.ts), over this request's client and loaders. */
  data: DataSources;
  log: Logger;
  /** Download links with tickets (attachments, PDFs). */
  documents: DocumentUrls;
  /** Idempotent mutations (`Idempotency-Key`): shared by every request and, with Redis, every instance. */
  idempotency: IdempotentRuns;
  /** The request's `Idempotency-Key` header, for mutations. */
  idempotencyKey?: string;
}

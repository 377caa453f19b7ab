import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { ErsCallEvent } from '../datasources/ers/client';
import type { ServerContext } from './context';

/**
 * Prometheus metrics of one server (`GET /metrics`). Every label comes from a closed set: e-RS
 * endpoint ids, HTTP statuses, operation types, error codes. Never a UBRN, NHS number, user id,
 * operation name or anything else a caller or e-RS could put patient data into.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly ersCalls = new Counter({
    name: 'ers_graph_ers_calls_total',
    help: 'e-RS calls by endpoint, method and status (an HTTP status, TIMEOUT or CONNECTION)',
    labelNames: ['endpoint', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly ersDuration = new Histogram({
    name: 'ers_graph_ers_call_duration_seconds',
    help: 'e-RS call duration by endpoint',
    labelNames: ['endpoint'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly graphqlRequests = new Counter({
    name: 'ers_graph_graphql_requests_total',
    help: 'GraphQL requests by operation type and outcome (ok, or error when any error was returned)',
    labelNames: ['operation_type', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly graphqlDuration = new Histogram({
    name: 'ers_graph_graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation type',
    labelNames: ['operation_type'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly graphqlErrors = new Counter({
    name: 'ers_graph_graphql_errors_total',
    help: 'GraphQL errors returned, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly rateLimitWait = new Histogram({
    name: 'ers_graph_rate_limit_wait_seconds',
    help: 'How long e-RS calls waited for their turn under ERS_RATE_LIMIT',
    buckets: [0, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly rateLimitRefused = new Counter({
    name: 'ers_graph_rate_limit_refused_total',
    help: 'e-RS calls refused because they would wait longer than ERS_RATE_LIMIT_MAX_WAIT_MS',
    registers: [this.registry],
  });
  private readonly sharedReads = new Counter({
    name: 'ers_graph_shared_reads_total',
    help: 'Reads that could be reused across requests (versions, reference data, healthcare services), by result',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });
  private readonly replays = new Counter({
    name: 'ers_graph_idempotent_replays_total',
    help: 'Mutation requests answered whole from the idempotency store (Idempotent-Replayed), with no e-RS call',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ers_graph_' });
  }

  ersCall(event: ErsCallEvent): void {
    this.ersCalls.inc({ endpoint: event.endpoint, method: event.method, status: String(event.status) });
    this.ersDuration.observe({ endpoint: event.endpoint }, event.durationMs / 1000);
  }

  rateLimited(waitMs: number | null): void {
    if (waitMs === null) this.rateLimitRefused.inc();
    else this.rateLimitWait.observe(waitMs / 1000);
  }

  sharedRead(kind: 'version' | 'reference' | 'service', hit: boolean): void {
    this.sharedReads.inc({ kind, result: hit ? 'hit' : 'miss' });
  }

  replayed(): void {
    this.replays.inc();
  }

  /** Counts and times every GraphQL request, and its error codes. */
  plugin(): ApolloServerPlugin<ServerContext> {
    return {
      requestDidStart: async () => {
        const started = performance.now();
        return {
          willSendResponse: async ({ operation, response }) => {
            const type = operation?.operation ?? 'unknown';
            // The codes as the client got them (after formatError masked what it must).
            const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            const codes = sent.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
            this.graphqlRequests.inc({ operation_type: type, outcome: codes.length > 0 ? 'error' : 'ok' });
            this.graphqlDuration.observe({ operation_type: type }, (performance.now() - started) / 1000);
            for (const code of codes) this.graphqlErrors.inc({ code });
            if (response.http.headers.get('idempotent-replayed') === 'true') this.replayed();
          },
        };
      },
    };
  }
}

import { setMaxListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { RequestAbort } from '../datasources/ers/client';

/**
 * The life of one request, as its e-RS calls see it: a deadline, and a signal that aborts every
 * pending and queued call when the deadline passes or the client goes away. An abandoned
 * request must not go on spending the trust's e-RS budget.
 */
export interface RequestLifecycle {
  signal: AbortSignal;
  /** When the request must have its answer (epoch ms); none for downloads, which stream for as long as they need. */
  deadlineAt?: number;
}

/**
 * Starts the lifecycle of a request answered on `response`: aborted with `RequestAbort`
 * ('CLIENT_CLOSED') when the connection closes before the answer was sent, or ('DEADLINE')
 * after `deadlineMs` when one is given. Ends by itself with the response.
 */
export function startRequestLifecycle(response: ServerResponse, deadlineMs?: number): RequestLifecycle {
  const controller = new AbortController();
  // One listener per queued call: a request with many calls waiting is not a leak.
  setMaxListeners(0, controller.signal);
  const timer = deadlineMs === undefined ? undefined : setTimeout(() => controller.abort(new RequestAbort('DEADLINE')), deadlineMs);
  timer?.unref();
  response.once('close', () => {
    clearTimeout(timer);
    if (!response.writableFinished) controller.abort(new RequestAbort('CLIENT_CLOSED'));
  });
  return { signal: controller.signal, deadlineAt: deadlineMs === undefined ? undefined : Date.now() + deadlineMs };
}

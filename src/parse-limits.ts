import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ParseOptions } from 'graphql';
import type { ErrorCode } from '../schema/error-codes';

/**
 * Limits on what a GraphQL request may be before it is parsed. graphql-js parses and coerces
 * recursively: a document of 100,000 nested `[` or `{` (or variables nested so) runs the process
 * out of stack ("Maximum call stack size exceeded", or a 500), and a megabyte of tokens costs
 * parsing and validation time before any limit on the operation can apply. These refusals come
 * first and cost one pass over the text. How deep a *valid* operation may select is the cost
 * limit's business (src/cost), not this one's.
 */

/**
 * Most tokens a document may have (graphql-js `maxTokens`: parsing stops there with "Syntax
 * Error: Document contains more that N tokens"). The largest screen query is a few hundred
 * tokens, GraphiQL's introspection query about 300; generated front-end documents with many
 * fragments run to a few thousand. 15,000 is an Apollo Router's own default (`parser_max_tokens`),
 * so a document a trust's router lets through is not refused here; it parses in milliseconds.
 */
export const MAX_DOCUMENT_TOKENS = 15_000;

/**
 * Most brackets (`{`, `[`, `(`) a document may nest. graphql-js recurses once or more per level
 * and overflows its stack at about 1,500 levels; no real operation nests more than a few dozen.
 */
export const MAX_DOCUMENT_NESTING = 64;

/** Most levels of arrays and objects in `variables` and `extensions` (an input nests a handful). */
export const MAX_VARIABLES_NESTING = 64;

/** Apollo Server's `parseOptions`. */
export const PARSE_OPTIONS: ParseOptions = { maxTokens: MAX_DOCUMENT_TOKENS };

const OPEN = new Set(['{', '[', '(']);
const CLOSE = new Set(['}', ']', ')']);

/**
 * How deep a GraphQL document nests its brackets, ignoring strings, block strings and comments;
 * stops counting once past `limit`. Iterative, one pass.
 */
export function documentNesting(source: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (c === '"') {
      if (source.startsWith('"""', i)) {
        i += 3;
        while (i < source.length && !source.startsWith('"""', i)) i += source.startsWith('\\"""', i) ? 4 : 1;
        i += 2;
      } else {
        i++;
        while (i < source.length && source[i] !== '"' && source[i] !== '\n' && source[i] !== '\r') i += source[i] === '\\' ? 2 : 1;
      }
    } else if (OPEN.has(c)) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (CLOSE.has(c)) {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** How deep a JSON value nests arrays and objects; stops counting once past `limit`. Iterative. */
export function jsonNesting(value: unknown, limit = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    const here = depth + 1;
    if (here > deepest) {
      deepest = here;
      if (deepest > limit) return deepest;
    }
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, here]);
    }
  }
  return deepest;
}

/** The GraphQL requests of a body: one object, or a batch (an array). */
function requestsOf(body: unknown): Array<Record<string, unknown>> {
  const all = Array.isArray(body) ? body : [body];
  return all.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r));
}

function refuse(reply: FastifyReply, message: string, code: ErrorCode): FastifyReply {
  return reply
    .code(400)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code } }] });
}

/** The refusal of a request over a limit, or undefined; `query` is the GET request's query string. */
export function requestLimitRefusal(body: unknown, query: unknown): { message: string; code: ErrorCode } | undefined {
  const requests = [...requestsOf(body), ...requestsOf(query)];
  for (const request of requests) {
    if (typeof request.query === 'string' && documentNesting(request.query, MAX_DOCUMENT_NESTING) > MAX_DOCUMENT_NESTING) {
      return {
        message: `Syntax Error: the document nests brackets more than ${MAX_DOCUMENT_NESTING} levels deep`,
        code: 'GRAPHQL_PARSE_FAILED',
      };
    }
    for (const part of ['variables', 'extensions'] as const) {
      // GET carries them as JSON text; Apollo parses that later, and JSON.parse itself does not recurse.
      let value = request[part];
      if (typeof value === 'string') {
        try {
          value = JSON.parse(value);
        } catch {
          continue;
        }
      }
      if (jsonNesting(value, MAX_VARIABLES_NESTING) > MAX_VARIABLES_NESTING) {
        return { message: `${part} nest arrays and objects more than ${MAX_VARIABLES_NESTING} levels deep`, code: 'BAD_REQUEST' };
      }
    }
  }
  return undefined;
}

/**
 * Refuses, in the scope of `/graphql`, a request whose document nests too deep (400
 * GRAPHQL_PARSE_FAILED) or whose variables or extensions do (400 BAD_REQUEST), before Apollo
 * parses or coerces anything. A preHandler: it sees the body after the multipart request spec
 * has turned `operations` into it.
 */
export function limitGraphqlNesting(scope: FastifyInstance): void {
  scope.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const refusal = requestLimitRefusal(request.body, request.query);
    if (refusal) return refuse(reply, refusal.message, refusal.code);
  });
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import pino from 'pino';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  ERROR_CODES,
  ERROR_REASONS,
  apiError,
  errorCodes,
  errorTablesMarkdown,
  withErrorTables,
  type ErrorCode,
  type ErrorExtensions,
  type ErrorReason,
} from '../../schema/error-codes';
import { createErrorFormatter, versionConflict } from '../../src/errors';
import { routeError } from '../../src/routes/route-errors';
import { ErsError } from '../../datasources/ers/errors';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const silent = pino({ level: 'silent' });

/** Every product source file: the layers that can emit an error (the simulator is not the API). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}
const productFiles = ['src', 'kernel', 'datasources', 'resolvers', 'schema'].flatMap((dir) => sources(join(root, dir)));
const productText = productFiles
  .filter((path) => !path.endsWith(join('schema', 'error-codes.ts')))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

/** `name: 'VALUE'` literals in the product, skipping FHIR codings and type declarations. */
function literals(name: 'code' | 'reason'): Set<string> {
  const found = new Set<string>();
  for (const line of productText.split('\n')) {
    if (/coding|system:/.test(line)) continue; // FHIR codings carry `code: 'CON'` etc.
    for (const match of line.matchAll(new RegExp(`(readonly )?\\b${name}: '([A-Z][A-Z_]+)'`, 'g'))) {
      if (!match[1]) found.add(match[2]);
    }
  }
  return found;
}

describe('the README Errors tables', () => {
  it('are the tables generated from schema/error-codes.ts (run `npm run errors:docs` after changing the list)', () => {
    expect(withErrorTables(readme)).toBe(readme);
    expect(readme).toContain(errorTablesMarkdown());
  });

  it('list exactly the codes of the module, each once', () => {
    const table = errorTablesMarkdown().split('\n\n')[0];
    const rows = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(errorCodes());
  });

  it('name in the HTTP refusals table only listed codes', () => {
    const refusals = readme.slice(readme.indexOf('| HTTP | `extensions.code` | when |'));
    const codes = [...refusals.slice(0, refusals.indexOf('\n\n')).matchAll(/^\| \d{3} \| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((code) => !(code in ERROR_CODES))).toEqual([]);
  });
});

describe('the error-code list is closed', () => {
  it('every `code:` literal in the product is listed', () => {
    const codes = literals('code');
    expect(codes.size).toBeGreaterThan(10);
    expect([...codes].filter((code) => !(code in ERROR_CODES))).toEqual([]);
  });

  it('every `reason:` literal in the product is listed, but the e-RS review reason of a triage deferral', () => {
    // `reason: 'TRIAGE'` (resolvers/referral.mutations.ts) is an e-RS code sent to A004's review-reason system, not an error.
    const reasons = [...literals('reason')].filter((reason) => reason !== 'TRIAGE');
    expect(reasons.length).toBeGreaterThan(10);
    expect(reasons.filter((reason) => !(reason in ERROR_REASONS))).toEqual([]);
  });

  it("lists nothing the product cannot send: each code and reason is used in the code, or is Apollo Server's own", () => {
    const apollo = new Set<string>(Object.values(ApolloServerErrorCode));
    const unusedCodes = errorCodes().filter((code) => !apollo.has(code) && !productText.includes(`'${code}'`));
    const unusedReasons = (Object.keys(ERROR_REASONS) as ErrorReason[]).filter((reason) => !productText.includes(`'${reason}'`));
    expect(unusedCodes).toEqual([]);
    expect(unusedReasons).toEqual([]);
  });

  it('gives each reason only listed codes', () => {
    for (const entry of Object.values(ERROR_REASONS)) {
      for (const code of entry.codes) expect(ERROR_CODES).toHaveProperty(code);
    }
  });

  it('types its constructors: only a listed code, and only a reason of that code, compile', () => {
    expect(apiError('CONFLICT', 'taken', { reason: 'SLOT_NOT_AVAILABLE' }).extensions).toEqual({
      code: 'CONFLICT',
      reason: 'SLOT_NOT_AVAILABLE',
    });
    // @ts-expect-error NO_FILE is a reason of BAD_USER_INPUT, not of CONFLICT
    apiError('CONFLICT', 'taken', { reason: 'NO_FILE' });
    // @ts-expect-error not a listed code
    apiError('TEAPOT', 'short and stout');
    const code: ErrorCode = 'CONFLICT';
    expect(code).toBe('CONFLICT');
    // Route errors and upload refusals (typed ErrorExtensions) tie the reason to the code too.
    const routeExtensions: ErrorExtensions = {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      reason: 'FILE_TYPE_NOT_ALLOWED',
      allowedExtensions: ['.pdf'],
    };
    expect(routeExtensions.reason).toBe('FILE_TYPE_NOT_ALLOWED');
    // @ts-expect-error FILE_TYPE_NOT_ALLOWED is not a reason of CONFLICT
    const mismatched: ErrorExtensions = { code: 'CONFLICT', reason: 'FILE_TYPE_NOT_ALLOWED' };
    expect(mismatched.code).toBe('CONFLICT');
  });
});

describe('what the list decides', () => {
  const format = createErrorFormatter(silent);
  const formatted = (error: GraphQLError) => format({ message: error.message, extensions: error.extensions }, error);

  it.each(errorCodes().filter((code) => code !== 'INTERNAL_SERVER_ERROR'))(
    'a GraphQL error with %s reaches the client as it is',
    (code) => {
      expect(formatted(new GraphQLError('m', { extensions: { code } })).extensions?.code).toBe(code);
    },
  );

  it.each(['INTERNAL_SERVER_ERROR', 'ECONNREFUSED', 'SOMETHING_NEW'])('a GraphQL error with %s is masked', (code) => {
    expect(formatted(new GraphQLError('secret', { extensions: { code } }))).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  // The statuses the document and upload routes answered with before the list (src/routes/route-errors.ts).
  it.each([
    ['BAD_USER_INPUT', 400],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['CONFLICT', 409],
    ['UNPROCESSABLE', 422],
    ['ATTACHMENT_NOT_AVAILABLE', 422],
    ['RATE_LIMITED', 429],
    ['UPSTREAM_ERROR', 502],
    ['UPSTREAM_UNAVAILABLE', 503],
    ['SERVICE_UNAVAILABLE', 503],
    ['PAYLOAD_TOO_LARGE', 500],
    ['COST_LIMIT_EXCEEDED', 500],
    ['INTERNAL_SERVER_ERROR', 500],
  ])('a route answers a GraphQL error with %s with HTTP %i', (code, status) => {
    expect(routeError(new GraphQLError('m', { extensions: { code } }), silent, 'a test', 'A042').status).toBe(status);
  });
});

describe('versionConflict, the one CONFLICT for a stale version', () => {
  const refusal = new ErsError('CONFLICT', {
    endpoint: 'A013',
    httpStatus: 412,
    ersCode: 'VERSION_MISMATCH',
    diagnostics: 'NHS number 9434765919 echoed',
  });

  it('carries the e-RS refusal and the current version, never its diagnostics', () => {
    const error = versionConflict('referral', '4', refusal, refusal);
    expect(error.message).toBe('The referral has changed in e-RS since the version given: reload it and try again');
    expect(error.extensions).toEqual({
      code: 'CONFLICT',
      endpoint: 'A013',
      ersCode: 'VERSION_MISMATCH',
      httpStatus: 412,
      currentVersion: '4',
    });
    expect(JSON.stringify(error.extensions)).not.toContain('9434765919');
    expect(error.originalError).toBe(refusal);
  });

  it('for a stale version ers-graph caught itself, holds only the current version', () => {
    expect(versionConflict('referral', '7').extensions).toEqual({ code: 'CONFLICT', currentVersion: '7' });
  });

  it('for an A&G request, says so and keeps a current version it could not read as null', () => {
    const error = versionConflict('A&G request', null, { endpoint: 'A026', ersCode: undefined });
    expect(error.message).toBe('The A&G request has changed in e-RS since the version given: reload it and try again');
    expect(JSON.parse(JSON.stringify(error.extensions))).toEqual({ code: 'CONFLICT', endpoint: 'A026', currentVersion: null });
  });
});

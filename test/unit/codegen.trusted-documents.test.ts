/**
 * The trusted-documents manifest codegen writes, as ers-graph reads it (TRUSTED_DOCUMENTS), and
 * what automatic persisted queries keep.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Keyv from 'keyv';
import { ConfigError, loadConfig } from '../../src/config';
import {
  APQ_MAX_DOCUMENT_LENGTH,
  AutomaticPersistedQueries,
  TrustedDocumentsCache,
  documentHash,
  parseTrustedDocuments,
  persistable,
} from '../../src/trusted-documents';

const MANIFEST_PATH = join(__dirname, '..', '..', 'operations', '__generated__', 'persisted-documents.json');
const MANIFEST = readFileSync(MANIFEST_PATH, 'utf8');
const DOC = 'query A {\n  me {\n    userId\n  }\n}';

describe('parseTrustedDocuments', () => {
  it("reads codegen's manifest: every operation of operations/, by the sha256 of its text", () => {
    const documents = parseTrustedDocuments(MANIFEST);
    const raw = JSON.parse(MANIFEST) as Record<string, string>;
    expect(documents.size).toBe(Object.keys(raw).length);
    expect(documents.size).toBeGreaterThanOrEqual(10);
    for (const [hash, text] of documents) expect(documentHash(text)).toBe(hash);
    expect([...documents.values()].some((text) => text.startsWith('query ProviderWorklistScreen('))).toBe(true);
  });

  it("reads an Apollo persisted query manifest (@apollo/generate-persisted-query-manifest's format)", () => {
    const apollo = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: documentHash(DOC), name: 'A', type: 'query', body: DOC }],
    };
    expect([...parseTrustedDocuments(JSON.stringify(apollo))]).toEqual([[documentHash(DOC), DOC]]);
  });

  it.each([
    ['not JSON', '{', /^is not JSON$/],
    ['an array', '[]', /^a trusted-documents manifest is a JSON object/],
    ['empty', '{}', /^holds no operation$/],
    ['a hash that is not of its document', JSON.stringify({ [documentHash('query B { a }')]: DOC }), /is not the sha256 of its text/],
    ['an upper-case hash', JSON.stringify({ [documentHash(DOC).toUpperCase()]: DOC }), /is not a sha256 hash/],
    ['an operation name as key', JSON.stringify({ A: DOC }), /holds "A", which is not a sha256 hash/],
    ['a non-string document', JSON.stringify({ [documentHash(DOC)]: { query: DOC } }), /holds a non-document/],
    ['a document that is not GraphQL', JSON.stringify({ [documentHash('query {')]: 'query {' }), /that is not GraphQL$/],
    [
      'an Apollo manifest of another version',
      JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 2, operations: [] }),
      /version/,
    ],
  ])('refuses %s, saying what is wrong', (_what, json, message) => {
    expect(() => parseTrustedDocuments(json)).toThrow(message);
  });

  it('never quotes a document in its refusals (a document may hold patient data)', () => {
    const secret = 'query Leak { referral(ubrn: "000050000001") { ubrn } }';
    for (const json of [
      JSON.stringify({ [documentHash('other')]: secret }),
      JSON.stringify({ [documentHash(secret + ' {')]: secret + ' {' }),
    ]) {
      expect(() => parseTrustedDocuments(json)).toThrow();
      try {
        parseTrustedDocuments(json);
      } catch (error) {
        expect((error as Error).message).not.toContain('000050000001');
      }
    }
  });
});

describe('TRUSTED_DOCUMENTS', () => {
  it('is unset by default: any operation runs', () => {
    expect(loadConfig({}).trustedDocuments).toBeUndefined();
  });

  it('reads the manifest at the path, once, at start', () => {
    const reads: string[] = [];
    const config = loadConfig({ TRUSTED_DOCUMENTS: ' ops.json ' }, {}, (path) => {
      reads.push(path);
      return MANIFEST;
    });
    expect(reads).toEqual(['ops.json']);
    expect(config.trustedDocuments).toEqual(parseTrustedDocuments(MANIFEST));
  });

  it('reads the committed manifest from disk', () => {
    expect(loadConfig({ TRUSTED_DOCUMENTS: MANIFEST_PATH }).trustedDocuments?.size).toBe(parseTrustedDocuments(MANIFEST).size);
  });

  it.each([
    ['a missing file', '/nonexistent/manifest.json', 'TRUSTED_DOCUMENTS: cannot read "/nonexistent/manifest.json"'],
    ['a file that is no manifest', __filename, `TRUSTED_DOCUMENTS: "${__filename}" is not JSON`],
  ])('stops start-up on %s, naming the variable', (_what, path, message) => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: path })).toThrow(
      new ConfigError('TRUSTED_DOCUMENTS', message.replace('TRUSTED_DOCUMENTS: ', '')),
    );
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: path })).toThrow(message);
  });
});

describe('what automatic persisted queries keep', () => {
  const screen =
    'query ProviderWorklistScreen($after: String) { referralWorklist(type: REFERRALS_FOR_REVIEW, first: 50, after: $after) { totalCount } }';
  it.each([
    { what: 'a screen', kept: true, document: screen },
    { what: 'a UBRN written into the document', kept: false, document: '{ referral(ubrn: "000050000001") { ubrn } }' },
    {
      what: 'an NHS number written into the document',
      kept: false,
      document: '{ serviceSearch(input: { patientNhsNumber: "9434765919", priority: ROUTINE }) { serviceId } }',
    },
    { what: 'five digits in a row', kept: true, document: '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 10000) { totalCount } }' },
    { what: 'a document of the largest length kept', kept: true, document: `{ me { userId } }${' '.repeat(APQ_MAX_DOCUMENT_LENGTH - 17)}` },
    { what: 'a longer one', kept: false, document: `{ me { userId } }${' '.repeat(APQ_MAX_DOCUMENT_LENGTH - 16)}` },
  ])('$what: kept $kept', ({ document, kept }) => {
    expect(persistable(document)).toBe(kept);
  });

  it('stores a persistable document in the keyv store with its time to live, and runs the rest without storing them', async () => {
    const keyv = new Keyv<string>();
    const sets: Array<[string, unknown]> = [];
    keyv.hooks.addHandler('preSet', (data: { key: string; ttl?: number }) => void sets.push([data.key, data.ttl]));
    const apq = new AutomaticPersistedQueries(keyv);
    await apq.set('apq:a', '{ me { userId } }', { ttl: 60 });
    await apq.set('apq:b', '{ referral(ubrn: "000050000001") { ubrn } }', { ttl: 60 });
    expect(await apq.get('apq:a')).toBe('{ me { userId } }');
    expect(await apq.get('apq:b')).toBeUndefined();
    expect(sets).toEqual([['apq:a', 60_000]]);
    expect(await apq.delete('apq:a')).toBe(true);
    expect(await apq.get('apq:a')).toBeUndefined();
  });

  it('without a store, keeps them in a bounded in-memory cache', async () => {
    const apq = new AutomaticPersistedQueries();
    await apq.set('apq:a', '{ me { userId } }');
    expect(await apq.get('apq:a')).toBe('{ me { userId } }');
  });

  it("serves a manifest's documents by hash, and registers nothing", async () => {
    const cache = new TrustedDocumentsCache(new Map([[documentHash(DOC), DOC]]));
    expect(await cache.get(documentHash(DOC))).toBe(DOC);
    await cache.set();
    expect(await cache.get(documentHash('{ me { userId } }'))).toBeUndefined();
  });
});

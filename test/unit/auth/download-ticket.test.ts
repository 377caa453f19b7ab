import { randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { CompactEncrypt, EncryptJWT } from 'jose';
import { DownloadTickets, resourceKey } from '../../../src/auth/download-ticket';
import type { DocumentResource } from '../../../kernel/context';
import { loadConfig } from '../../../src/config';

const T0 = Date.parse('2025-03-03T09:00:00Z');
const ATTACHMENT_A: DocumentResource = { kind: 'attachment', id: 'c5d2d200-7613-4a69-9c5f-1bb68e04b8d8' };
const ATTACHMENT_B: DocumentResource = { kind: 'attachment', id: 'att-70000-70001' };
const GRANT = {
  token: 'header.payload.signature',
  role: { businessFunction: 'SERVICE_PROVIDER_CLINICIAN_ADMIN', odsCode: 'RCD', onBehalfOfUserId: '555020000002' },
};

function tickets(key: Uint8Array, clock: { now: number }, ttlSeconds = 300) {
  return new DownloadTickets(key, { ttlSeconds, now: () => clock.now });
}

/** The rejection of a verify call, as code and reason. */
async function rejection(promise: Promise<unknown>): Promise<{ code: unknown; reason: unknown }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  const { code, reason } = (error as GraphQLError).extensions;
  return { code, reason };
}

describe('download tickets', () => {
  const key = new Uint8Array(randomBytes(32));

  it('gives back the token and role it was issued with, for the same resource', async () => {
    const clock = { now: T0 };
    const t = tickets(key, clock);
    const ticket = await t.issue(ATTACHMENT_A, GRANT);
    clock.now += 299_000;
    await expect(t.verify(ticket, ATTACHMENT_A)).resolves.toEqual(GRANT);
  });

  it('is a compact JWE (dir, A256GCM) that does not show the token in clear', async () => {
    const ticket = await tickets(key, { now: T0 }).issue(ATTACHMENT_A, GRANT);
    expect(ticket.split('.')).toHaveLength(5);
    const header = JSON.parse(Buffer.from(ticket.split('.')[0], 'base64url').toString('utf8'));
    expect(header).toMatchObject({ alg: 'dir', enc: 'A256GCM' });
    expect(ticket).not.toContain(GRANT.token);
    expect(Buffer.from(ticket.replace(/\./g, ''), 'base64url').toString('latin1')).not.toContain('signature');
    expect(ticket).toMatch(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]*){4}$/);
  });

  it('leaves out role claims that were not given', async () => {
    const t = tickets(key, { now: T0 });
    const ticket = await t.issue(ATTACHMENT_A, { token: 'tok', role: {} });
    await expect(t.verify(ticket, ATTACHMENT_A)).resolves.toEqual({
      token: 'tok',
      role: { businessFunction: undefined, odsCode: undefined, onBehalfOfUserId: undefined },
    });
  });

  it('is refused as TICKET_EXPIRED once its lifetime has passed', async () => {
    const clock = { now: T0 };
    const t = tickets(key, clock, 60);
    const ticket = await t.issue(ATTACHMENT_A, GRANT);
    clock.now += 61_000;
    expect(await rejection(t.verify(ticket, ATTACHMENT_A))).toEqual({ code: 'UNAUTHENTICATED', reason: 'TICKET_EXPIRED' });
  });

  it('is refused as INVALID_TICKET for another resource', async () => {
    const t = tickets(key, { now: T0 });
    const ticket = await t.issue(ATTACHMENT_A, GRANT);
    expect(await rejection(t.verify(ticket, ATTACHMENT_B))).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_TICKET' });
    expect(await rejection(t.verify(ticket, { kind: 'clinical-information', ubrn: '000050000001' }))).toMatchObject({
      reason: 'INVALID_TICKET',
    });
  });

  it('tells the PDFs of one UBRN apart', async () => {
    const t = tickets(key, { now: T0 });
    const ticket = await t.issue({ kind: 'clinical-information', ubrn: '000050000001' }, GRANT);
    expect(await rejection(t.verify(ticket, { kind: 'advice-overview', ubrn: '000050000001' }))).toMatchObject({
      reason: 'INVALID_TICKET',
    });
  });

  it.each([
    ['a flipped ciphertext character', (s: string[]) => (s[3] = flip(s[3]))],
    ['a flipped tag character', (s: string[]) => (s[4] = flip(s[4]))],
    ['a changed IV', (s: string[]) => (s[2] = flip(s[2]))],
    ['a changed protected header', (s: string[]) => (s[0] = Buffer.from('{"alg":"dir","enc":"A128GCM"}').toString('base64url'))],
    ['a missing part', (s: string[]) => s.pop()],
  ])('is refused as INVALID_TICKET with %s', async (_name, tamper) => {
    const t = tickets(key, { now: T0 });
    const parts = (await t.issue(ATTACHMENT_A, GRANT)).split('.');
    tamper(parts);
    expect(await rejection(t.verify(parts.join('.'), ATTACHMENT_A))).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_TICKET' });
  });

  it('is refused as INVALID_TICKET under another key (another deployment, or a restart without DOWNLOAD_TICKET_KEY)', async () => {
    const ticket = await tickets(key, { now: T0 }).issue(ATTACHMENT_A, GRANT);
    const other = tickets(new Uint8Array(randomBytes(32)), { now: T0 });
    expect(await rejection(other.verify(ticket, ATTACHMENT_A))).toMatchObject({ reason: 'INVALID_TICKET' });
  });

  it('refuses a JWE under the right key that is not a ticket (no audience, too long a life, not a JWT)', async () => {
    const t = tickets(key, { now: T0 });
    const iat = Math.floor(T0 / 1000);
    const claims = { tok: 'tok', res: resourceKey(ATTACHMENT_A) };
    const noAudience = await new EncryptJWT(claims)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'ers-download-ticket' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .encrypt(key);
    const longLived = await new EncryptJWT(claims)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'ers-download-ticket' })
      .setAudience('ers-graph:download')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .encrypt(key);
    const notAJwt = await new CompactEncrypt(new TextEncoder().encode('hello'))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'ers-download-ticket' })
      .encrypt(key);
    for (const ticket of [noAudience, longLived, notAJwt]) {
      expect(await rejection(t.verify(ticket, ATTACHMENT_A))).toMatchObject({ reason: 'INVALID_TICKET' });
    }
  });

  it('refuses garbage', async () => {
    const t = tickets(key, { now: T0 });
    for (const ticket of ['', 'abc', 'a.b.c.d.e', '....']) {
      expect(await rejection(t.verify(ticket, ATTACHMENT_A))).toMatchObject({ reason: 'INVALID_TICKET' });
    }
  });

  it('only accepts a 32-byte key and a lifetime of 1..300 seconds', () => {
    expect(() => new DownloadTickets(new Uint8Array(16), { ttlSeconds: 60 })).toThrow('32 bytes');
    expect(() => new DownloadTickets(key, { ttlSeconds: 301 })).toThrow('1..300');
    expect(() => new DownloadTickets(key, { ttlSeconds: 0 })).toThrow('1..300');
  });
});

describe('download ticket configuration', () => {
  it('reads DOWNLOAD_TICKET_KEY as base64 of 32 bytes and DOWNLOAD_TICKET_TTL_SECONDS up to 300', () => {
    const raw = randomBytes(32);
    const config = loadConfig({ DOWNLOAD_TICKET_KEY: raw.toString('base64'), DOWNLOAD_TICKET_TTL_SECONDS: '120' });
    expect(Buffer.from(config.downloadTicketKey!).equals(raw)).toBe(true);
    expect(config.downloadTicketTtlSeconds).toBe(120);
    expect(loadConfig({ DOWNLOAD_TICKET_KEY: raw.toString('base64url') }).downloadTicketKey).toEqual(new Uint8Array(raw));
    expect(loadConfig({}).downloadTicketKey).toBeUndefined();
    expect(loadConfig({}).downloadTicketTtlSeconds).toBe(300);
  });

  it.each([
    [{ DOWNLOAD_TICKET_KEY: randomBytes(16).toString('base64') }, 'DOWNLOAD_TICKET_KEY: must decode to 32 bytes, got 16'],
    [{ DOWNLOAD_TICKET_KEY: 'not base64!' }, 'DOWNLOAD_TICKET_KEY: must be base64'],
    [{ DOWNLOAD_TICKET_TTL_SECONDS: '301' }, 'DOWNLOAD_TICKET_TTL_SECONDS: must be between 1 and 300, got 301'],
    [{ PUBLIC_URL: 'ers-graph.example' }, 'PUBLIC_URL: must be an absolute http(s) URL'],
    [{ PUBLIC_URL: 'ftp://ers-graph.example' }, 'PUBLIC_URL: must use http or https'],
    [{ PUBLIC_URL: 'https://ers-graph.example/?x=1' }, 'PUBLIC_URL: must not carry a query'],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('keeps a PUBLIC_URL path prefix and drops a trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://apps.trust.nhs.uk/ers-graph/' }).publicUrl).toBe('https://apps.trust.nhs.uk/ers-graph');
  });
});

function flip(segment: string): string {
  const i = Math.floor(segment.length / 2);
  const c = segment[i] === 'A' ? 'B' : 'A';
  return segment.slice(0, i) + c + segment.slice(i + 1);
}

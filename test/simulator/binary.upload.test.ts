import { startSimulator, type RunningSimulator } from '../../simulator';
import { asApplication, asUser } from './helpers/caller';
import { errorCode } from './helpers/fhir';
import { uploadFile } from './helpers/write';

describe('A020 upload file to document store', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('answers 201 with no body and a Binary/<id> Location, a distinct id per upload', async () => {
    const headers = await asUser(sim, 'REFERRING_CLINICIAN');
    const first = await uploadFile(sim, headers, {
      name: 'letter.pdf',
      contentType: 'application/pdf',
      bytes: Buffer.from('%PDF-1.4 test'),
    });
    expect(first.status).toBe(201);
    expect(first.headers.location).toMatch(/^Binary\/[0-9a-f-]{36}$/);
    expect(first.data).toBe('');
    const second = await uploadFile(sim, headers, { name: 'notes.txt', bytes: 'notes', referralId: sim.world.referrals[0].ubrn });
    expect(second.status).toBe(201);
    expect(second.headers.location).not.toBe(first.headers.location);
  });

  it('refuses a missing file name (400), mismatched types, unsupported extensions, empty and oversize files (422)', async () => {
    const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
    expect((await uploadFile(sim, headers, { bytes: 'x' })).status).toBe(400);
    expect(errorCode((await uploadFile(sim, headers, { name: 'scan.png', contentType: 'text/plain', bytes: 'x' })).data)).toBe(
      'CONFLICTING_VALUES',
    );
    expect(
      errorCode((await uploadFile(sim, headers, { name: 'tool.exe', contentType: 'application/octet-stream', bytes: 'x' })).data),
    ).toBe('INVALID_VALUE');
    expect(errorCode((await uploadFile(sim, headers, { name: 'empty.txt', bytes: '' })).data)).toBe('FILE_SIZE_ERROR');
    const big = await uploadFile(sim, headers, {
      name: 'big.pdf',
      contentType: 'application/pdf',
      bytes: Buffer.alloc(5 * 1024 * 1024 + 1, 1),
    });
    expect([big.status, errorCode(big.data)]).toEqual([422, 'FILE_SIZE_ERROR']);
    const exact = await uploadFile(sim, headers, {
      name: 'exact.pdf',
      contentType: 'application/pdf',
      bytes: Buffer.alloc(5 * 1024 * 1024, 1),
    });
    expect(exact.status).toBe(201);
    expect(errorCode((await uploadFile(sim, headers, { name: 'x.txt', bytes: 'x', referralId: '999999999999' })).data)).toBe(
      'INAPPROPRIATE_VALUE',
    );
  });

  it('refuses roles outside the page (403) and application-restricted callers', async () => {
    expect((await uploadFile(sim, await asUser(sim, 'REFERRING_ADMIN'), { name: 'a.txt', bytes: 'x' })).status).toBe(403);
    expect((await uploadFile(sim, await asApplication(sim), { name: 'a.txt', bytes: 'x' })).status).toBe(403);
  });
});

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, ROOT, SERVER_MAIN, Started, startProcess, stopProcess } from '../helpers/processes';

/**
 * Development tokens outlive a restart: `npm start` keeps the simulator's CIS2 issuer key (and the
 * download ticket key) in DEV_KEYS_DIR, so a token got before a restart, and a download link made
 * before it, still work after it. A token of another run (its key gone) is refused with an error
 * that says what to do. Real processes: the compiled server as `npm start` runs it, and the token
 * CLI through `npm run -s token`.
 */
const run = promisify(execFile);
const REFERRER = '555010000002';
const QUERY = '{ referral(ubrn: "000050000001") { ubrn shortlist { name } clinicalInformationUrl } }';

let work: string;
let keysDir: string;
let env: Record<string, string>;
let server: Started | undefined;
let graphqlUrl: string;

async function startServer(): Promise<void> {
  server = await startProcess(process.execPath, [SERVER_MAIN], { env, ready: /ers-graph is ready: \S+[\s\S]*Tokens stay valid[^\n]*\n/ });
  graphqlUrl = /ers-graph is ready: (\S+)/.exec(server.output())![1];
}

/** `npm run -s token -- <args>` in the checkout, with the same environment as the server (SIMULATOR_PORT). */
async function npmToken(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run('npm', ['run', '-s', 'token', '--', ...args], { cwd: ROOT, env });
}

async function post(token: string) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions: any }> } };
}

describe('development keys across restarts', () => {
  beforeAll(async () => {
    if (!existsSync(SERVER_MAIN))
      throw new Error('dist/ is missing: run `npm run build && npm run build:simulator` (npm test does it first)');
    work = mkdtempSync(join(tmpdir(), 'ers-graph-dev-keys-'));
    keysDir = join(work, 'keys');
    // Fixed ports across restarts: a token's issuer is the simulator's origin, port included.
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? work,
      LOG_LEVEL: 'warn',
      PORT: String(await freePort()),
      SIMULATOR_PORT: String(await freePort()),
      DEV_KEYS_DIR: keysDir,
      npm_config_update_notifier: 'false',
    };
  });

  afterEach(async () => {
    await stopProcess(server);
    server = undefined;
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('keeps the keys in DEV_KEYS_DIR, readable by their owner only, and a token and a download link still work after a restart', async () => {
    await startServer();
    expect(server!.output()).toContain(`the embedded simulator's issuer key is kept in ${keysDir}`);
    expect(readdirSync(keysDir).sort()).toEqual(['ers-graph-download-ticket-key.json', 'simulator-cis2-issuer-key.json']);
    expect(statSync(keysDir).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(keysDir)) expect(statSync(join(keysDir, file)).mode & 0o777).toBe(0o600);

    // The CLI finds the simulator by SIMULATOR_PORT, as npm start does, and prints the token alone.
    const { stdout } = await npmToken('--user', REFERRER);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = stdout.trim();
    const before = await post(token);
    expect(before).toMatchObject({ status: 200, body: { data: { referral: { ubrn: '000050000001' } } } });
    expect(before.body.errors).toBeUndefined();
    const link = before.body.data.referral.clinicalInformationUrl as string;

    await stopProcess(server);
    await startServer();

    const after = await post(token);
    expect(after.status).toBe(200);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.referral.shortlist.length).toBeGreaterThan(0);
    // The link of the first run (its ticket encrypted with the kept key) opens without a token.
    const download = await fetch(link);
    expect(download.status).toBe(200);
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  it('prints only the token on stdout with --role too; the role headers go to stderr', async () => {
    await startServer();
    const { stdout, stderr } = await npmToken('--user', REFERRER, '--role', 'REFERRING_CLINICIAN@A99999');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(stderr).toContain('NHSD-eRS-Business-Function: REFERRING_CLINICIAN');
  });

  it('answers a token of another run (its key deleted) with INVALID_TOKEN and how to get a new one, without echoing it', async () => {
    await startServer();
    const token = (await npmToken('--user', REFERRER)).stdout.trim();
    expect((await post(token)).body.errors).toBeUndefined();
    await stopProcess(server);

    rmSync(keysDir, { recursive: true });
    await startServer();
    const refused = await post(token);
    expect(refused.status).toBe(401);
    expect(refused.body.errors).toEqual([
      {
        message:
          'The ID token was signed by a development issuer key ers-graph does not know (a token from another run?): ' +
          'get a new one with `npm run -s token -- --user <id>`',
        extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN' },
      },
    ]);
    expect(JSON.stringify(refused.body)).not.toContain(token.split('.')[2]);

    // The new token of this run works.
    const fresh = (await npmToken('--user', REFERRER)).stdout.trim();
    expect((await post(fresh)).body.errors).toBeUndefined();
  });

  it('keeps no keys when development identity is refused (NODE_ENV=production)', async () => {
    const elsewhere = join(work, 'production-keys');
    const failure = await run(process.execPath, [SERVER_MAIN], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: 'production', DEV_KEYS_DIR: elsewhere },
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('invalid configuration: AUTH_MODE: development identity is refused when NODE_ENV=production');
    expect(existsSync(elsewhere)).toBe(false);
  });
});

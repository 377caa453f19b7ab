import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The start-up path a newcomer takes: the compiled server (`npm start` runs `node
 * dist/src/main.js` after `npm run build`, which `npm test` also runs first), its banner, and
 * the `curl` it prints, run exactly as printed.
 */
const root = join(__dirname, '..', '..');
const main = join(root, 'dist', 'src', 'main.js');
// The simulator is its own workspace package, built into its own dist (npm run build:simulator, run by pretest).
const simulatorCli = join(root, 'simulator', 'dist', 'cli.js');
const run = promisify(execFile);
const keysDir = mkdtempSync(join(tmpdir(), 'ers-graph-start-up-'));
afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  output: () => string;
}

/** Starts a node process and resolves once its output matches `ready`. */
function start(script: string, env: Record<string, string>, ready: RegExp, args: string[] = []): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: root,
      // Development keys of this test's runs, not the developer's .ers-graph.
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', DEV_KEYS_DIR: keysDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready:\n${output}`));
    });
  });
}

function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    started.child.removeAllListeners('exit');
    started.child.once('exit', () => resolve());
    started.child.kill('SIGTERM');
  });
}

/** The `curl ...` command of the banner, as one line a shell can run. */
function printedCurl(banner: string): string {
  const lines = banner.split('\n');
  const first = lines.findIndex((line) => line.trim().startsWith('curl '));
  expect(first).toBeGreaterThanOrEqual(0);
  const command: string[] = [];
  for (const line of lines.slice(first)) {
    command.push(line.trim().replace(/\\$/, ''));
    if (!line.trimEnd().endsWith('\\')) break;
  }
  return command.join(' ');
}

describe('start-up', () => {
  beforeAll(() => {
    if (!existsSync(main)) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
  });

  let server: Started | undefined;
  let simulator: Started | undefined;
  afterEach(async () => {
    await stop(server);
    await stop(simulator);
    server = simulator = undefined;
  });

  it('with no configuration, starts on the embedded simulator and prints a curl that returns a referral with its services', async () => {
    server = await start(main, { PORT: '0', SIMULATOR_PORT: '0' }, /-d '\{"query".*'\n/);
    const banner = server.output();
    expect(banner).toMatch(/ers-graph is ready: http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(banner).toMatch(/embedded simulator at http:\/\/127\.0\.0\.1:\d+\/FHIR/);

    const { stdout } = await run('bash', ['-c', printedCurl(banner)]);
    const body = JSON.parse(stdout);
    expect(body.errors).toBeUndefined();
    expect(body.data.referral.ubrn).toMatch(/^\d{12}$/);
    expect(body.data.referral.state.state).toBe('BOOKED');
    expect(body.data.referral.shortlist.length).toBeGreaterThan(0);
    expect(body.data.referral.shortlist.every((s: { name: string }) => s.name.length > 0)).toBe(true);
    expect(body.data.referral.bookedService.name).toEqual(expect.any(String));
  });

  it('with ERS_BASE_URL and development identity, starts no simulator and serves the same query from that e-RS', async () => {
    simulator = await start(simulatorCli, {}, /e-RS simulator listening: (\S+)/, ['--port', '0']);
    const baseUrl = /e-RS simulator listening: (\S+)/.exec(simulator.output())![1];

    server = await start(main, { PORT: '0', ERS_BASE_URL: baseUrl, AUTH_MODE: 'development' }, /-d '\{"query".*'\n/);
    const banner = server.output();
    expect(banner).not.toMatch(/embedded simulator/);
    expect(banner).toContain(`e-RS: ${baseUrl}`);

    const { stdout } = await run('bash', ['-c', printedCurl(banner)]);
    const body = JSON.parse(stdout);
    expect(body.errors).toBeUndefined();
    expect(body.data.referral.ubrn).toBe('000050000001');
    expect(body.data.referral.shortlist.length).toBeGreaterThan(0);
  });

  it('answers UNAUTHENTICATED (HTTP 401) to a request without a token outside development', async () => {
    simulator = await start(simulatorCli, {}, /e-RS simulator listening: (\S+)/, ['--port', '0']);
    const baseUrl = /e-RS simulator listening: (\S+)/.exec(simulator.output())![1];
    server = await start(main, { PORT: '0', ERS_BASE_URL: baseUrl, AUTH_MODE: 'apim' }, /ers-graph is ready: (\S+)\n/);
    const graphqlUrl = /ers-graph is ready: (\S+)/.exec(server.output())![1];
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ ERS_BASE_URL: 'https://sandbox.api.service.nhs.uk/referrals', AUTH_MODE: 'apim' }, 'ERS_BASE_URL'],
    [{ ERS_BASE_URL: 'https://sandbox.api.service.nhs.uk/referrals/FHIR' }, 'AUTH_MODE'],
    [{ NODE_ENV: 'production' }, 'AUTH_MODE'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
  ])('refuses to start with %o and names %s', async (env, name) => {
    const failure = await run(process.execPath, [main], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toBeDefined();
    expect(failure!.code).toBe(1);
    expect(failure!.stderr).toContain(`invalid configuration: ${name}:`);
  });
});

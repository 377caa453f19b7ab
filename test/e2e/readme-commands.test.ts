import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portInUse, ROOT, SERVER_MAIN, SIMULATOR_CLI, Started, startProcess, stopProcess } from '../helpers/processes';

/**
 * README's shell examples are tests. Every ```sh block of README.md runs with bash, in README's
 * order, as written, in one shell session (a variable a block sets, such as TOKEN, is there for
 * the next, as in a terminal), against the real compiled server and simulator on README's own
 * addresses: 127.0.0.1:4000 and 127.0.0.1:4010 (no other test binds them). A block passes when
 * every command in it succeeds, every `curl` in it is answered 2xx, and nothing it prints holds
 * GraphQL `"errors"`. Blocks that start a server (`npm start`, `npm run simulator`) run in the
 * background, as in a terminal of their own, each replacing the one before (as Ctrl-C would).
 *
 * Not run as written, each for the reason given (and each must still match a README block):
 */
const EXCEPTIONS: Array<{ block: RegExp; reason: string; instead?: string }> = [
  {
    block: /^npm install && npm start$/,
    reason: 'npm install: the checkout is installed already (CI runs npm ci); the server is started with the `npm start` part',
    instead: 'npm start',
  },
  { block: /^npm install && npm test$/, reason: 'the command that runs this test' },
  { block: /^ERS_BASE_URL=https:\/\/int\.api\.service\.nhs\.uk\//, reason: 'needs NHS credentials (CIS2, APIM) and the network' },
];

/** What README says to substitute, and the sentence of README that says so. */
const SUBSTITUTIONS: Array<{ from: string; to: () => string; readmeSays: string }> = [
  { from: '@letter.pdf', to: () => `@${letterPdf}`, readmeSays: '`letter.pdf` standing for a PDF of yours' },
];

/** Checks of particular blocks on top of the general ones; each must match at least one block. */
const CHECKS: Array<{ name: string; block: RegExp; check: (result: BlockResult) => Promise<void> | void }> = [
  {
    name: 'a token is captured in TOKEN, and nothing but the token',
    block: /TOKEN=\$\(npm run -s token -- --user \d{12}\)/,
    check: async () => expect((await session.run('printf %s "$TOKEN"', 'TOKEN')).stdout).toMatch(JWT),
  },
  {
    name: 'the first query returns the referral with its shortlist and booked service',
    block: /bookedService \{ name \}/,
    check: ({ stdout }) => {
      const { referral } = JSON.parse(stdout).data;
      expect(referral.ubrn).toBe('000050000001');
      expect(referral.shortlist.length).toBeGreaterThan(0);
      expect(referral.bookedService.name).toEqual(expect.any(String));
    },
  },
  {
    name: 'the cost extension is answered',
    block: /"extensions":\{"cost":true\}/,
    check: ({ stdout }) => expect(JSON.parse(stdout).extensions.cost).toMatchObject({ actualCalls: expect.any(Number), limit: 300 }),
  },
  {
    name: 'the download is a PDF',
    block: /-o clinical-information\.pdf/,
    check: () => expect(readFileSync(join(ROOT, 'clinical-information.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-'),
  },
  {
    name: 'POST /attachments answers the reference',
    block: /\/attachments -H/,
    check: ({ stdout }) => expect(JSON.parse(stdout).attachment.url).toMatch(/^Binary\/[\w-]+$/),
  },
  {
    name: 'the GraphQL multipart upload answers the reference',
    block: /uploadAttachment/,
    check: ({ stdout }) => expect(JSON.parse(stdout).data.uploadAttachment.url).toMatch(/^Binary\/[\w-]+$/),
  },
  {
    name: 'the users are listed',
    block: /npm run -s token -- --list/,
    check: ({ stdout }) => expect(stdout).toContain('555020000002'),
  },
  {
    name: "a listed origin's preflight is answered 204 with its CORS headers",
    block: /-X OPTIONS/,
    check: ({ stdout }) => {
      expect(stdout).toMatch(/^HTTP\/1\.1 204 /);
      expect(stdout).toMatch(/^access-control-allow-origin: http:\/\/localhost:5173\r?$/im);
      expect(stdout).toMatch(/^access-control-allow-headers: .*Authorization/im);
    },
  },
];

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => ({
  line: readme.slice(0, match.index).split('\n').length + 1,
  text: match[1].trimEnd(),
}));
/** A block that starts a server: `[VAR=value ...] npm start` or `npm run simulator ...`. */
const SERVER_BLOCK = /^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*npm (?:start|run simulator)\b[^\n]*$/;

let work: string;
let letterPdf: string;
let session: BashSession;
let server: Started | undefined;
/** Files README's examples save in the checkout; removed afterwards unless they were there before. */
const SAVED_FILES = ['clinical-information.pdf'];
let savedBefore: string[] = [];
/** The environment of every block: only what a newcomer's shell has, and the development keys in a directory of this test. */
let env: Record<string, string>;

interface BlockResult {
  status: number;
  /** Some command of the block failed (the shell's ERR trap), even if the last one succeeded. */
  failed: boolean;
  stdout: string;
  stderr: string;
  /** The final HTTP status of each `curl` the block ran. */
  curlStatuses: number[];
}

/**
 * One bash process fed block after block, as a terminal is: variables persist. Each block reads
 * /dev/null as its stdin (so a command cannot read the next block), and `curl` is a function that
 * also dumps the answer's headers to a file of the test, which is how each HTTP status is known
 * without changing what the command prints.
 */
class BashSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private stdout = '';
  private stderr = '';
  private curls = 0;
  private static readonly DONE = '__README_BLOCK_DONE__';

  constructor(
    private readonly headersDir: string,
    sessionEnv: Record<string, string>,
  ) {
    this.child = spawn('bash', ['--noprofile', '--norc'], { cwd: ROOT, env: sessionEnv });
    this.child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.stdin.write(`__curls=0\ncurl() { __curls=$((__curls + 1)); command curl --dump-header "${headersDir}/$__curls" "$@"; }\n`);
  }

  async run(block: string, label: string, timeoutMs = 60_000): Promise<BlockResult> {
    const done = BashSession.DONE;
    this.stdout = '';
    this.stderr = '';
    this.child.stdin.write(
      `__failed=0\ntrap '__failed=1' ERR\n{\n${block}\n} </dev/null\n__status=$?\ntrap - ERR\n` +
        `printf '\\n%s %s %s %s\\n' ${done} "$__status" "$__failed" "$__curls"\nprintf '\\n%s\\n' ${done} >&2\n`,
    );
    const finished = new RegExp(`\\n${done} (\\d+) (\\d) (\\d+)\\n$`);
    const started = Date.now();
    while (!(finished.test(this.stdout) && this.stderr.endsWith(`\n${done}\n`))) {
      if (this.child.exitCode !== null) throw new Error(`the shell exited during ${label}:\n${this.stdout}\n${this.stderr}`);
      if (Date.now() - started > timeoutMs) throw new Error(`${label} did not finish in ${timeoutMs} ms:\n${this.stdout}\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [, status, failed, curls] = finished.exec(this.stdout)!;
    const curlStatuses: number[] = [];
    for (let n = this.curls + 1; n <= Number(curls); n++) curlStatuses.push(finalStatus(join(this.headersDir, String(n))));
    this.curls = Number(curls);
    return {
      status: Number(status),
      failed: failed === '1',
      stdout: this.stdout.replace(finished, ''),
      stderr: this.stderr.slice(0, -`\n${done}\n`.length),
      curlStatuses,
    };
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

/** The last status line of a header dump (a `100 Continue` may come first), or 0 without one (no answer). */
function finalStatus(file: string): number {
  if (!existsSync(file)) return 0;
  const statuses = [...readFileSync(file, 'latin1').matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].map((match) => Number(match[1]));
  return statuses.at(-1) ?? 0;
}

function prepared(text: string): string {
  const exception = EXCEPTIONS.find((e) => e.block.test(text));
  let command = exception ? exception.instead! : text;
  for (const substitution of SUBSTITUTIONS) command = command.split(substitution.from).join(substitution.to());
  return command;
}

function fail(label: string, result: BlockResult, why: string): never {
  throw new Error(`${label}: ${why}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
}

describe("README's shell examples", () => {
  beforeAll(async () => {
    if (!existsSync(SERVER_MAIN) || !existsSync(SIMULATOR_CLI)) {
      throw new Error('dist/ is missing: run `npm run build && npm run build:simulator` (npm test does it first)');
    }
    for (const port of [4000, 4010]) {
      if (await portInUse(port)) {
        throw new Error(`127.0.0.1:${port} is in use: README's examples run on README's own addresses; stop what listens there`);
      }
    }
    savedBefore = SAVED_FILES.filter((file) => existsSync(join(ROOT, file)));
    work = mkdtempSync(join(tmpdir(), 'ers-graph-readme-'));
    letterPdf = join(work, 'letter.pdf');
    writeFileSync(letterPdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? work,
      // Keys of this test's runs, not the developer's .ers-graph.
      DEV_KEYS_DIR: join(work, 'keys'),
      // npm start and npm run simulator without their prestart builds: npm test's pretest built dist/ already.
      npm_config_ignore_scripts: 'true',
      npm_config_update_notifier: 'false',
    };
    session = new BashSession(work, env);
  });

  afterAll(async () => {
    await stopProcess(server);
    session?.close();
    for (const file of SAVED_FILES) if (!savedBefore.includes(file)) rmSync(join(ROOT, file), { force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('has shell examples, and every exception, substitution and check matches them', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    for (const exception of EXCEPTIONS) expect(blocks.filter((b) => exception.block.test(b.text)).map((b) => b.line)).toHaveLength(1);
    for (const substitution of SUBSTITUTIONS) {
      expect(readme).toContain(substitution.readmeSays);
      expect(blocks.some((b) => b.text.includes(substitution.from))).toBe(true);
    }
    for (const check of CHECKS) expect([check.name, blocks.some((b) => check.block.test(b.text))]).toEqual([check.name, true]);
  });

  it.each(blocks.map((block) => [`line ${block.line}: ${block.text.split('\n')[0]}`, block] as const))(
    'README %s',
    async (label, block) => {
      const exception = EXCEPTIONS.find((e) => e.block.test(block.text));
      if (exception && exception.instead === undefined) {
        // Not run, for the reason in EXCEPTIONS; the first test checks it matches exactly this block.
        expect(exception.reason.length).toBeGreaterThan(0);
        return;
      }
      const command = prepared(block.text);

      if (SERVER_BLOCK.test(command)) {
        // A terminal of its own: the server before it stops first (it holds README's ports).
        await stopProcess(server);
        server = undefined;
        server = await startProcess('bash', ['-c', command], { env, ready: /ers-graph is ready: \S+|e-RS simulator listening: \S+/ });
        expect(server.output()).toMatch(
          /ers-graph is ready: http:\/\/127\.0\.0\.1:4000\/graphql|e-RS simulator listening: http:\/\/127\.0\.0\.1:4010\/FHIR/,
        );
        return;
      }

      const result = await session.run(command, label);
      if (result.status !== 0 || result.failed) fail(label, result, `a command failed (exit status ${result.status})`);
      if (result.curlStatuses.some((status) => status < 200 || status > 299)) {
        fail(label, result, `curl answered HTTP ${result.curlStatuses.join(', ')}`);
      }
      expect(result.stdout).not.toContain('"errors"');
      if (result.stdout.trimStart().startsWith('{')) {
        const body = JSON.parse(result.stdout);
        if ('data' in body) expect(body.data).toEqual(expect.any(Object));
      }
      for (const check of CHECKS.filter((c) => c.block.test(block.text))) await check.check(result);
    },
    90_000,
  );
});

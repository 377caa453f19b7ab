import { ChildProcess, spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';

/** The checkout: where `npm start` runs. */
export const ROOT = join(__dirname, '..', '..');
/** The compiled server (`npm start` runs it after `npm run build`; `npm test` builds first). */
export const SERVER_MAIN = join(ROOT, 'dist', 'src', 'main.js');
/** The compiled simulator CLI (`npm run simulator`). */
export const SIMULATOR_CLI = join(ROOT, 'simulator', 'dist', 'cli.js');

/** A process a test started, in a process group of its own (so that npm's and bash's children stop with it). */
export interface Started {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output(): string;
}

/** Spawns the command in its own process group and resolves once its output matches `ready`. */
export function startProcess(
  command: string,
  args: string[],
  options: { env: Record<string, string>; ready: RegExp; cwd?: string; timeoutMs?: number },
): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const started: Started = { child, output: () => output };
    const timer = setTimeout(() => {
      void stopProcess(started);
      reject(new Error(`${command} ${args.join(' ')}: not ready in time:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (options.ready.test(output)) {
        clearTimeout(timer);
        resolve(started);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')}: exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/** Stops a started process and everything in its process group: SIGTERM, then SIGKILL after 5 s. */
export function stopProcess(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null || started.child.signalCode !== null) return Promise.resolve();
  const { child } = started;
  return new Promise((resolve) => {
    const kill = (signal: NodeJS.Signals) => {
      try {
        // The group this test started (detached: its id is the child's pid).
        process.kill(-child.pid!, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      // Whatever else is left in the group (npm's sh, a server that outlived its parent).
      kill('SIGKILL');
      resolve();
    });
    kill('SIGTERM');
  });
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

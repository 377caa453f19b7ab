import { spawnSync } from 'node:child_process';

/** The Redis of the shared-cache tests: TEST_REDIS_URL, or the machine's own. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers, checked once before the suite is declared (jest cannot skip from beforeAll). */
function redisReachable(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `require('net').connect(${Number(port) || 6379}, ${JSON.stringify(hostname)}).on('connect', () => process.exit(0)).on('error', () => process.exit(1))`,
    ],
    { timeout: 3000 },
  );
  return probe.status === 0;
}

export const reachable = redisReachable(REDIS_URL);
if (!reachable && process.env.CI) {
  // CI runs a Redis service: a skip there would hide a broken shared cache.
  throw new Error(`Redis is not reachable at ${REDIS_URL} in CI`);
}
/** `describe` when Redis answers, else a skip that says why in its title. */
export const describeWithRedis = reachable ? describe : describe.skip;

import { FairShare } from '../../datasources/ers/fair-share';
import { GcraRateLimiter, MemoryRateStore } from '../../datasources/ers/rate-limiter';
import { ErsError } from '../../datasources/ers/errors';

type W = { tenant: string; write: boolean; id: string };
const w = (tenant: string, id: string, write = false): W => ({ tenant, write, id });

/** Takes every waiter in the order the queue serves them. */
function drain(queue: FairShare<W>): string[] {
  const order: string[] = [];
  for (let next = queue.next(); next; next = queue.next()) order.push(next.id);
  return order;
}

describe('FairShare: who gets the next e-RS slot', () => {
  it('serves a user with one call waiting next, however many another user has queued', () => {
    const queue = new FairShare<W>(0.5);
    for (let i = 1; i <= 100; i++) queue.add(w('flooder', `f${i}`));
    expect(queue.next()?.id).toBe('f1');
    queue.add(w('other', 'o1'));
    expect(queue.next()?.id).toBe('o1');
    expect(queue.next()?.id).toBe('f2');
  });

  it('interleaves two busy users one for one, each in its own order', () => {
    const queue = new FairShare<W>(0.5);
    for (const id of ['a1', 'a2', 'a3']) queue.add(w('a', id));
    for (const id of ['b1', 'b2', 'b3']) queue.add(w('b', id));
    expect(drain(queue)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
  });

  it('serves writes (clinical actions) before any read', () => {
    const queue = new FairShare<W>(0.5);
    queue.add(w('a', 'read-a'));
    queue.add(w('b', 'read-b'));
    queue.add(w('c', 'write-c', true));
    expect(drain(queue)).toEqual(['write-c', 'read-a', 'read-b']);
  });

  it('passes over a user above its share of the recent calls while someone else waits', () => {
    let now = 0;
    const queue = new FairShare<W>(0.25, () => now);
    // a had the last 4 slots alone; b and c had one each, then everyone queues again.
    for (const id of ['a1', 'a2', 'a3', 'a4']) queue.add(w('a', id));
    expect(drain(queue)).toEqual(['a1', 'a2', 'a3', 'a4']);
    queue.add(w('b', 'b1'));
    queue.add(w('c', 'c1'));
    expect(drain(queue)).toEqual(['b1', 'c1']);
    queue.add(w('a', 'a5'));
    queue.add(w('b', 'b2'));
    queue.add(w('b', 'b3'));
    // a holds 4 of 6 recent calls (above 25 %), b 1 of 6: b goes first until a is the only one waiting.
    expect(drain(queue)).toEqual(['b2', 'b3', 'a5']);
    // Ten seconds later the history is forgotten: a is no longer passed over, the two take turns
    // (b first: a was served last).
    now += 10_001;
    queue.add(w('a', 'a6'));
    queue.add(w('a', 'a7'));
    queue.add(w('b', 'b4'));
    expect(drain(queue)).toEqual(['b4', 'a6', 'a7']);
  });

  it('forgets a waiter that gave up', () => {
    const queue = new FairShare<W>(0.5);
    const gone = w('a', 'a1');
    queue.add(gone);
    queue.add(w('a', 'a2'));
    expect(queue.remove(gone)).toBe(true);
    expect(queue.remove(gone)).toBe(false);
    expect(queue.size).toBe(1);
    expect(drain(queue)).toEqual(['a2']);
  });

  it('estimates the slots ahead of a new call from the queues, not from arrival order', () => {
    const queue = new FairShare<W>(0.5);
    for (let i = 0; i < 50; i++) queue.add(w('flooder', `f${i}`));
    expect(queue.slotsAhead('other', false)).toBe(0);
    expect(queue.slotsAhead('flooder', false)).toBe(50);
    queue.add(w('other', 'o1'));
    expect(queue.slotsAhead('flooder', false)).toBe(100); // 50 own, each interleaved with the other user
    queue.add(w('x', 'write', true));
    expect(queue.slotsAhead('other', true)).toBe(1);
  });
});

describe('GcraRateLimiter with tenants', () => {
  const realClock = (perSecond: number, maxWaitMs = 60_000) =>
    new GcraRateLimiter(new MemoryRateStore(), { perSecond, burst: 1, maxWaitMs });

  it("gives a second user's call the next slot while a first user's 40 calls wait", async () => {
    const limiter = realClock(50); // a slot every 20 ms
    const order: string[] = [];
    const flood = Array.from({ length: 40 }, (_, i) => limiter.acquire('A005', { tenant: 'a' }).then(() => order.push(`a${i}`)));
    await new Promise((resolve) => setTimeout(resolve, 70));
    const served = order.length;
    const started = Date.now();
    await limiter.acquire('A005', { tenant: 'b' });
    const waited = Date.now() - started;
    order.push('b');
    expect(order.indexOf('b')).toBeLessThanOrEqual(served + 1);
    expect(waited).toBeLessThan(200); // one slot is 20 ms; behind the flood it would be ~700 ms
    await Promise.all(flood);
  });

  it('refuses at once a call whose expected wait is beyond the limit’s patience, and one past its deadline', async () => {
    const limiter = realClock(10, 1000); // a slot every 100 ms, patience 1 s
    const queued = Array.from({ length: 12 }, () => limiter.acquire('A005', { tenant: 'a' }).catch((e: unknown) => e));
    const refused = await limiter.acquire('A008', { tenant: 'a' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ErsError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', transport: 'LOCAL_RATE_LIMIT', endpoint: 'A008' });
    // Another user is not refused: it goes next.
    await expect(limiter.acquire('A005', { tenant: 'b', deadlineAt: Date.now() + 500 })).resolves.toBeUndefined();
    const results = await Promise.all(queued);
    // The queue behind the limit's patience was refused, not left waiting for ever.
    expect(results.filter((r) => r instanceof ErsError).length).toBeGreaterThan(0);
  });

  it('an aborted call leaves the queue with the abort reason and takes no slot', async () => {
    const limiter = realClock(10);
    await limiter.acquire('A005', { tenant: 'a' }); // the first slot is free
    const controller = new AbortController();
    const waiting = limiter.acquire('A005', { tenant: 'a', signal: controller.signal });
    expect(limiter.waiting).toBe(1);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(limiter.waiting).toBe(0);
  });
});

/**
 * Who goes next when e-RS calls wait for the trust's rate limit. A whole trust shares one e-RS
 * limit, so a queue served in arrival order lets one user's flood (a worklist screen in a loop)
 * push every other user's call back by seconds. Here each caller ("tenant": an SDS user or an
 * application) has its own queue, and the next free slot goes to:
 *
 * 1. a write before any read: a clinical action is what a user is waiting on;
 * 2. among tenants with calls waiting, the one served least over the recent window, so a user
 *    with one call waiting is served at the next slot however many calls another has queued;
 * 3. never to a tenant that already had more than `maxShare` of the window's calls while
 *    another tenant waits (unless every waiting tenant has).
 *
 * Within one tenant, calls keep their order. This is one process's view: with several instances
 * the shared GCRA store (Redis) interleaves the instances, and each instance is fair inside.
 */

/** One call waiting for a slot. */
export interface FairWaiter {
  tenant: string;
  write: boolean;
}

/** How much history the "served least" rule looks at. */
const WINDOW_MS = 10_000;

interface TenantState<W> {
  reads: W[];
  writes: W[];
  /** When this tenant's recent calls were granted (within the window), oldest first. */
  granted: number[];
}

export class FairShare<W extends FairWaiter> {
  private readonly tenants = new Map<string, TenantState<W>>();
  private waitingCount = 0;

  constructor(
    /** The most of the window's calls one tenant may have while others wait (0 < share <= 1). */
    private readonly maxShare: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(maxShare > 0 && maxShare <= 1)) throw new Error('maxShare must be above 0 and at most 1');
  }

  /** Calls waiting, all tenants. */
  get size(): number {
    return this.waitingCount;
  }

  add(waiter: W): void {
    const state = this.state(waiter.tenant);
    (waiter.write ? state.writes : state.reads).push(waiter);
    this.waitingCount++;
  }

  /** Takes a waiter out of the queue (it gave up); false when it was not waiting. */
  remove(waiter: W): boolean {
    const state = this.tenants.get(waiter.tenant);
    const list = state && (waiter.write ? state.writes : state.reads);
    const index = list ? list.indexOf(waiter) : -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    this.waitingCount--;
    this.forgetIfIdle(waiter.tenant);
    return true;
  }

  /**
   * How many slots a new call of this tenant would likely wait for: the calls that go before it
   * under the rules above (writes first; then its own queue, interleaved with the other waiting tenants).
   */
  slotsAhead(tenant: string, write: boolean): number {
    let writes = 0;
    let readTenants = 0;
    for (const state of this.tenants.values()) {
      writes += state.writes.length;
      if (state.reads.length > 0) readTenants++;
    }
    if (write) return writes;
    const own = this.tenants.get(tenant)?.reads.length ?? 0;
    const others = readTenants - (own > 0 ? 1 : 0);
    return writes + own + own * others;
  }

  /** The waiter that gets the next slot, removed from the queue; undefined when none waits. */
  next(): W | undefined {
    if (this.waitingCount === 0) return undefined;
    const now = this.now();
    const anyWrite = [...this.tenants.values()].some((state) => state.writes.length > 0);
    const candidates: Array<[string, TenantState<W>]> = [];
    let total = 0;
    for (const [tenant, state] of this.tenants) {
      while (state.granted.length > 0 && state.granted[0] <= now - WINDOW_MS) state.granted.shift();
      if (state.granted.length === 0 && state.reads.length === 0 && state.writes.length === 0) {
        this.tenants.delete(tenant);
        continue;
      }
      total += state.granted.length;
      if ((anyWrite ? state.writes : state.reads).length > 0) candidates.push([tenant, state]);
    }
    const underShare = candidates.filter(([, state]) => total === 0 || state.granted.length / total <= this.maxShare);
    const pool = candidates.length > 1 && underShare.length > 0 ? underShare : candidates;
    // Least served first; on a tie, the tenant first in the map (the longest known) keeps its turn order stable.
    let chosen = pool[0];
    for (const entry of pool) if (entry[1].granted.length < chosen[1].granted.length) chosen = entry;
    const [tenant, state] = chosen;
    const waiter = (anyWrite ? state.writes : state.reads).shift()!;
    this.waitingCount--;
    state.granted.push(now);
    // Move the tenant to the back, so equally served tenants take turns.
    this.tenants.delete(tenant);
    this.tenants.set(tenant, state);
    this.forgetIfIdle(tenant);
    return waiter;
  }

  private state(tenant: string): TenantState<W> {
    let state = this.tenants.get(tenant);
    if (!state) {
      state = { reads: [], writes: [], granted: [] };
      this.tenants.set(tenant, state);
    }
    return state;
  }

  /** A tenant with nothing waiting and nothing granted in the window is dropped (bounded memory). */
  private forgetIfIdle(tenant: string): void {
    const state = this.tenants.get(tenant);
    if (!state || state.reads.length > 0 || state.writes.length > 0) return;
    const now = this.now();
    while (state.granted.length > 0 && state.granted[0] <= now - WINDOW_MS) state.granted.shift();
    if (state.granted.length === 0) this.tenants.delete(tenant);
  }
}

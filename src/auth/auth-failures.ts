import ipaddr from 'ipaddr.js';
import { LRUCache } from 'lru-cache';
import { memoized } from '../../datasources/memo';

const WINDOW_MS = 60_000;

/**
 * The key a client address is counted under: an IPv4 address (also when written IPv4-mapped,
 * `::ffff:a.b.c.d`), or the /64 of an IPv6 one, since one client usually holds a whole /64.
 * Remembered for the last 1,024 addresses: clients come back from the same few, and parsing each
 * request's again cost ~2 % of a request's CPU.
 */
export const addressKey = memoized(keyOf, 1024);

function keyOf(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toRFC5952String()}/64`;
}

interface Window {
  failures: number;
  /** When the window that began with the first failure ends (epoch ms). */
  endsAt: number;
}

/**
 * Failed authentications per client address (missing or refused tokens, bad download tickets):
 * at most `perMinute` in a window that starts with an address's first failure; beyond it, the
 * address is refused until the window ends, before any token is verified or e-RS is asked.
 * In process and bounded (least recently failing addresses are forgotten first): several
 * instances each count on their own.
 */
export class AuthFailureLimit {
  private readonly windows: LRUCache<string, Window>;

  constructor(
    /** Failures allowed per address and minute; 0 turns the limit off. */
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    maxAddresses = 100_000,
  ) {
    this.windows = new LRUCache({ max: maxAddresses });
  }

  /** Seconds until the address may try again; 0 when it may try now. */
  retryAfterSeconds(address: string): number {
    // No address has failed lately (the usual case): nothing to look up.
    if (this.perMinute === 0 || this.windows.size === 0) return 0;
    const key = addressKey(address);
    const window = this.windows.get(key);
    if (!window) return 0;
    const left = window.endsAt - this.now();
    if (left <= 0) {
      this.windows.delete(key);
      return 0;
    }
    return window.failures >= this.perMinute ? Math.ceil(left / 1000) : 0;
  }

  /** One failed authentication from the address. */
  record(address: string): void {
    if (this.perMinute === 0) return;
    const key = addressKey(address);
    const now = this.now();
    const window = this.windows.get(key);
    if (window && window.endsAt > now) window.failures += 1;
    else this.windows.set(key, { failures: 1, endsAt: now + WINDOW_MS });
  }
}

/**
 * Injected failures: the simulator can answer matching requests with an error status, a 429
 * with Retry-After, a dropped connection or an extra delay, so clients' resilience can be tested.
 */

export interface FaultRule {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Matched against the path after /FHIR: a string matches as a prefix, a RegExp is tested. */
  path?: string | RegExp;
  kind: 'status' | 'rate-limit' | 'drop' | 'delay';
  /** For 'status', e.g. 500 or 503. */
  status?: number;
  /** For 'rate-limit' (429 + Retry-After); also sent with a 'status' fault when given. */
  retryAfterSeconds?: number;
  /** For 'delay'. */
  delayMs?: number;
  /** Apply to the next N matching requests, then stop; unlimited when absent. */
  times?: number;
}

/** The active rules and how many uses each has left. */
export class FaultInjector {
  private rules: Array<{ rule: FaultRule; remaining: number }> = [];

  constructor(rules: FaultRule[] = []) {
    this.set(rules);
  }

  /** Replaces all rules. */
  set(rules: FaultRule[]): void {
    for (const rule of rules) validateFaultRule(rule);
    this.rules = rules.map((rule) => ({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY }));
  }

  /**
   * The fault to apply to this request, if any: the first matching rule with uses left
   * (which uses one up). Delays come back separately, so a delay can combine with another fault.
   */
  take(method: string, path: string): { delayMs: number; fault?: FaultRule } {
    let delayMs = 0;
    let fault: FaultRule | undefined;
    for (const entry of this.rules) {
      if (entry.remaining <= 0 || !matches(entry.rule, method, path)) continue;
      if (entry.rule.kind === 'delay') {
        entry.remaining--;
        delayMs += entry.rule.delayMs ?? 0;
      } else if (!fault) {
        entry.remaining--;
        fault = entry.rule;
      }
    }
    return { delayMs, fault };
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? path.startsWith(rule.path) : rule.path.test(path);
}

/** Throws on a rule that cannot be applied, so mistakes show at start rather than as odd behaviour. */
export function validateFaultRule(rule: FaultRule): void {
  const kinds = ['status', 'rate-limit', 'drop', 'delay'];
  if (!kinds.includes(rule.kind)) throw new Error(`Fault kind must be one of ${kinds.join(', ')}; got ${String(rule.kind)}`);
  if (rule.kind === 'status' && (rule.status === undefined || !Number.isInteger(rule.status) || rule.status < 400 || rule.status > 599)) {
    throw new Error(`A 'status' fault needs a status between 400 and 599; got ${String(rule.status)}`);
  }
  if (rule.kind === 'delay' && (rule.delayMs === undefined || rule.delayMs < 0)) throw new Error("A 'delay' fault needs delayMs >= 0");
  if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 0))
    throw new Error('Fault times must be a non-negative integer');
}

/**
 * Parses the CLI / environment form of a fault: comma-separated key=value pairs, e.g.
 * "kind=status,status=503,path=/STU3/ReferralRequest,times=2" or "kind=rate-limit,retryAfterSeconds=5".
 * A path starting with "~" is a regular expression ("path=~^/R4/").
 */
export function parseFaultSpec(spec: string): FaultRule {
  const fields = new Map<string, string>();
  for (const part of spec.split(',')) {
    const [key, ...rest] = part.split('=');
    if (!key || rest.length === 0) throw new Error(`Invalid fault "${spec}": expected key=value pairs`);
    fields.set(key.trim(), rest.join('=').trim());
  }
  const number = (key: string): number | undefined => {
    const raw = fields.get(key);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error(`Invalid fault "${spec}": ${key} must be a number`);
    return value;
  };
  const rawPath = fields.get('path');
  const rule: FaultRule = { kind: fields.get('kind') as FaultRule['kind'] };
  if (fields.has('method')) rule.method = fields.get('method');
  if (rawPath !== undefined) rule.path = rawPath.startsWith('~') ? new RegExp(rawPath.slice(1)) : rawPath;
  const status = number('status');
  const retryAfterSeconds = number('retryAfterSeconds');
  const delayMs = number('delayMs');
  const times = number('times');
  if (status !== undefined) rule.status = status;
  if (retryAfterSeconds !== undefined) rule.retryAfterSeconds = retryAfterSeconds;
  if (delayMs !== undefined) rule.delayMs = delayMs;
  if (times !== undefined) rule.times = times;
  validateFaultRule(rule);
  return rule;
}

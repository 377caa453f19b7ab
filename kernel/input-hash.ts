import { createHash } from 'node:crypto';

/** A stable SHA-256 (base64url) of `input` as canonical JSON: object keys sorted, `undefined` members dropped. */
export function inputHash(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('base64url');
}

/** JSON with object keys sorted at every depth, so equal inputs give equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value)) ?? 'null';
}

function canonical(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : canonical(item)));
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined && typeof member !== 'function') sorted[key] = canonical(member);
    }
    return sorted;
  }
  return value;
}

/**
 * A file name safe inside `filename="..."`: ASCII letters, digits, dot, dash, underscore,
 * space and parentheses; anything else (quotes, slashes, control characters, non-ASCII)
 * becomes "_"; no leading dots; at most 150 characters.
 */
export function safeFilename(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '')
    .replace(/^.*[\\/]/, '')
    .replace(/[^A-Za-z0-9._() -]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 150);
  return cleaned || fallback;
}

/** At most this many characters (code points) of a download's file name are kept. */
const MAX_NAME = 150;

/** Path, control and format characters (bidi overrides could disguise an extension) out; no leading dots; at most 150 characters. */
function trimmed(name: string, unsafe: RegExp): string {
  const cleaned = name
    .replace(/^.*[\\/]/, '')
    .replace(unsafe, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  return [...cleaned].slice(0, MAX_NAME).join('').trim();
}

/**
 * The names a download's `Content-Disposition` carries (RFC 6266): `name`, in its own characters
 * for `filename*` (RFC 8187, UTF-8), and `fallback`, printable ASCII for `filename=` (the
 * upstream's own fallback when it sent one, kept as it was but for `"`, `\` and `%`). Either is
 * `defaultName` when nothing usable is left.
 */
export function downloadFilenames(
  name: string | undefined,
  upstreamFallback: string | undefined,
  defaultName: string,
): { name: string; fallback: string } {
  const unicode = trimmed(name ?? '', /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu) || defaultName;
  const ascii = trimmed(upstreamFallback ?? unicode, /[^\x20-\x7e]|["\\%]/g) || safeFilename(unicode, defaultName);
  return { name: unicode, fallback: ascii };
}

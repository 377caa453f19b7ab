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

/**
 * `Content-Disposition: attachment` as e-RS sends it with a file (A006, A042's object store, the
 * generated PDFs): `filename="<name>"` (RFC 6266) and, for a name that is not plain ASCII, its
 * UTF-8 form in `filename*=UTF-8''<percent-encoded>` (RFC 5987/8187) after an ASCII fallback in
 * which every other character is `_`.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/gu, '_').replace(/["\\]/g, '_');
  if (fallback === filename) return `attachment; filename="${fallback}"`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtended(filename)}`;
}

/** RFC 8187 `value-chars`: UTF-8 bytes percent-encoded, except letters, digits and !#$&+-.^_`|~. */
function encodeExtended(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

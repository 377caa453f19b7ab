/**
 * Active content in an upload: HTML, SVG or script that a browser could run when an e-RS user
 * opens the file. A file can start like an allowed type and still be HTML to a browser (a
 * "polyglot": `%PDF-` in its first kilobyte and `<html><script>` around it; a JPEG comment or a
 * text file holding a page), so the whole content is scanned, not only its magic bytes.
 *
 * Two rules, both case-insensitive, on the bytes read as Latin-1 (so UTF-8 and Windows-1252 text
 * match as written):
 * 1. Anywhere in the file: tags that carry or load script or a page (`<html`, `<script`, `<svg`,
 *    `<iframe`, `<img`, ...), followed by whitespace, `/` or `>` as a tag would be; `javascript:`,
 *    `vbscript:` and `data:text/html` URLs; the XHTML, SVG and XSLT namespaces and
 *    `<?xml-stylesheet` (in XML these make elements live under any prefix, e.g. `<h:script>`).
 *    Short, common tags (`<a`, `<p>`, `<b>`) are not looked for here: three bytes occur by chance
 *    in compressed data (a JPEG, a zip) a few times per megabyte.
 * 2. At the start (after a byte order mark and white space): the signatures with which browsers
 *    sniff a resource as HTML (WHATWG MIME Sniffing, "identifying a resource with an unknown MIME
 *    type"), `<a `, `<p>`, `<!--` and the rest included.
 *
 * No type is exempt from rule 1: e-RS users open these files in browsers, and a plain-text,
 * RTF or XML file has no need of a live tag (RTF that wraps an e-mail's HTML, `\htmltag`, is
 * refused too). The one exception is rule 2 for `.xml`: an XML document legitimately starts
 * with a comment or with a root element named like an HTML one (`<table>`, `<title>`), and in
 * XML such an element is inert unless it is in the XHTML namespace, which rule 1 refuses.
 */

// Tags that run or load script, frames or a page; more than three bytes, so rare in binary data.
const LIVE_TAGS = [
  '!doctype html',
  'html',
  'head',
  'body',
  'script',
  'iframe',
  'frame',
  'frameset',
  'svg',
  'object',
  'embed',
  'applet',
  'img',
  'image',
  'form',
  'meta',
  'base',
  'link',
  'style',
  'video',
  'audio',
  'template',
  'math',
  'isindex',
];

const LIVE_URLS = ['javascript:', 'vbscript:', 'data:text/html'];

const ACTIVE_XML = [
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/2000/svg',
  'http://www.w3.org/1999/xsl/transform',
  '<?xml-stylesheet',
];

// WHATWG MIME Sniffing's HTML patterns, each followed by a tag-terminating byte (space or >).
const SNIFFED_HTML_TAGS = [
  '!doctype html',
  'html',
  'head',
  'script',
  'iframe',
  'h1',
  'div',
  'font',
  'table',
  'a',
  'style',
  'title',
  'b',
  'body',
  'br',
  'p',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const ANYWHERE = new RegExp(
  [`<(${LIVE_TAGS.map(escape).join('|')})[\\s/>]`, ...LIVE_URLS.map(escape), ...ACTIVE_XML.map(escape)].join('|'),
  'i',
);

const AT_START = new RegExp(`^(?:\\xef\\xbb\\xbf)?[\\t\\n\\f\\r ]*(<!--|<(?:${SNIFFED_HTML_TAGS.map(escape).join('|')})[\\s>])`, 'i');

/**
 * The active-content marker a file holds (e.g. "<script", "javascript:"), lower case, or
 * undefined when it holds none. `extension` is the file's, lower case, without the dot.
 */
export function activeContentMarker(bytes: Buffer, extension: string): string | undefined {
  const text = bytes.toString('latin1');
  const anywhere = ANYWHERE.exec(text);
  if (anywhere) return markerOf(anywhere[0]);
  if (extension !== 'xml') {
    const start = AT_START.exec(text);
    if (start) return markerOf(start[1]);
  }
  return undefined;
}

/** The marker as a client may be told it: the tag without its terminating byte, lower case. */
function markerOf(match: string): string {
  return match.replace(/[\s/>]$/, '').toLowerCase();
}

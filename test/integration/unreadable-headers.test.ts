import { connect } from 'node:net';
import { Harness, startHarness } from '../helpers/harness';

/**
 * A request Node cannot read as HTTP (a header value holding a line break: the usual way is
 * `TOKEN=$(npm run token ...)` without -s, which captures npm's banner lines with the token) is
 * answered with a JSON error like every other, saying what to do, instead of Fastify's bare
 * `"Client Error"`; the connection is closed.
 */
function raw(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('a request whose headers cannot be read', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('gets a 400 BAD_REQUEST JSON error that points at npm run -s token, and the connection closes', async () => {
    const body = '{"query":"{ me { userId } }"}';
    const answer = await raw(
      harness.graphqlUrl,
      'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        // What curl sends for -H "Authorization: Bearer $TOKEN" when TOKEN holds npm's banner: the line breaks as they are.
        'Authorization: Bearer \n> ers-graph@0.1.0 token\n> node simulator/dist/token-cli.js --user 555010000002\n\neyJh.eyJz.c2ln\r\n' +
        `Content-Length: ${body.length}\r\n\r\n${body}`,
    );
    const [head, json] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toMatch(/\r\nContent-Type: application\/json; charset=utf-8(\r\n|$)/);
    expect(head).toMatch(/\r\nConnection: close(\r\n|$)/);
    expect(JSON.parse(json)).toEqual({
      errors: [
        {
          message:
            'The request could not be read as HTTP (e.g. a header value holding a line break): ' +
            "capture a development token with `npm run -s token -- --user <id>` (-s keeps npm's banner out)",
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });
});

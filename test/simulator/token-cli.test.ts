import { parseTokenCliArgs, simulatorOrigin } from '../../simulator/token-cli';

describe('npm run token: which simulator', () => {
  it.each([
    [{}, 'http://127.0.0.1:4010'],
    [{ SIMULATOR_PORT: '5010' }, 'http://127.0.0.1:5010'],
    [{ SIMULATOR_PORT: '5010', SIMULATOR_HOST: '0.0.0.0' }, 'http://127.0.0.1:5010'],
    [{ SIMULATOR_PORT: '5010', SIMULATOR_HOST: '::1' }, 'http://[::1]:5010'],
    [{ ERS_BASE_URL: 'http://127.0.0.1:6010/FHIR', SIMULATOR_PORT: '5010' }, 'http://127.0.0.1:6010'],
    [{ DEV_IDENTITY_URL: 'http://127.0.0.1:7010/', ERS_BASE_URL: 'http://127.0.0.1:6010/FHIR' }, 'http://127.0.0.1:7010'],
    [{ SIMULATOR_URL: 'http://127.0.0.1:8010/FHIR', DEV_IDENTITY_URL: 'http://127.0.0.1:7010' }, 'http://127.0.0.1:8010'],
  ])('with %o: %s, as npm start with the same environment runs it', (env, origin) => {
    expect(simulatorOrigin(env)).toBe(origin);
  });

  it('says to pass --simulator when SIMULATOR_PORT=0 (a new port each start), and names a bad port', () => {
    expect(() => simulatorOrigin({ SIMULATOR_PORT: '0' })).toThrow(/^SIMULATOR_PORT=0 .*pass --simulator <origin>/);
    expect(() => simulatorOrigin({ SIMULATOR_PORT: 'forty' })).toThrow('SIMULATOR_PORT must be a port number; got "forty"');
  });

  it('lets --simulator win over the environment, even a bad one', () => {
    const options = parseTokenCliArgs(['--user', '555010000002', '--simulator', 'http://127.0.0.1:9010/FHIR/'], { SIMULATOR_PORT: 'x' });
    expect(options).toMatchObject({ simulator: 'http://127.0.0.1:9010', userId: '555010000002', list: false });
    expect(parseTokenCliArgs(['--list'], { SIMULATOR_PORT: '5010' }).simulator).toBe('http://127.0.0.1:5010');
  });
});

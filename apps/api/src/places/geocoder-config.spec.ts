import { ConfigError, loadConfig } from '../config/app-config';

const STRONG = 'x'.repeat(32);
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u:p@db:5432/nestmap',
  JWT_SECRET: STRONG,
  SESSION_SECRET: STRONG,
  DATA_ENCRYPTION_KEY: STRONG,
};
const geocoder = (env: Record<string, string>) => loadConfig({ ...production, ...env }).config.geocoder;

describe('geocoder configuration', () => {
  it('has no geocoder unless GEOCODER_URL is set', () => {
    expect(geocoder({})).toBeUndefined();
  });

  it('speaks Nominatim by default, Photon when the URL ends in /api or GEOCODER_KIND says so', () => {
    expect(geocoder({ GEOCODER_URL: 'https://nominatim.internal' })).toEqual({
      url: 'https://nominatim.internal',
      kind: 'nominatim',
      timeoutMs: 2000,
      userAgent: expect.stringMatching(/^NestMap\/\d+\.\d+\.\d+ \(\+http:\/\/localhost:3000\)$/),
    });
    expect(geocoder({ GEOCODER_URL: 'http://photon.internal:2322/api' })?.kind).toBe('photon');
    expect(geocoder({ GEOCODER_URL: 'http://photon.internal:2322', GEOCODER_KIND: 'photon' })?.kind).toBe('photon');
  });

  it('takes the timeout and User-Agent from the environment', () => {
    const settings = geocoder({
      GEOCODER_URL: 'https://geo.internal',
      GEOCODER_TIMEOUT_MS: '800',
      GEOCODER_USER_AGENT: 'Acme travel (ops@acme.test)',
    });
    expect(settings).toMatchObject({ timeoutMs: 800, userAgent: 'Acme travel (ops@acme.test)' });
  });

  it.each([
    [{ GEOCODER_URL: 'ftp://geo.internal' }, /GEOCODER_URL must start with http: or https:/],
    [{ GEOCODER_URL: 'not a url' }, /GEOCODER_URL is not a valid URL/],
    [{ GEOCODER_URL: 'https://geo.internal', GEOCODER_KIND: 'google' }, /GEOCODER_KIND must be nominatim or photon/],
  ])('refuses %o', (env, message) => {
    expect(() => geocoder(env)).toThrow(ConfigError);
    expect(() => geocoder(env)).toThrow(message);
  });
});

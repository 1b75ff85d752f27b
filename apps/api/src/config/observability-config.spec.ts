import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const STRONG = 'x'.repeat(32);
const base = {
  NODE_ENV: 'test',
  DATABASE_URL: 'postgres://u:p@db:5432/nestmap',
  JWT_SECRET: STRONG,
  SESSION_SECRET: STRONG,
  DATA_ENCRYPTION_KEY: STRONG,
};

describe('configuration of metrics and error reporting', () => {
  it("reports the package's version as the release unless SENTRY_RELEASE names one", () => {
    const { version } = JSON.parse(readFileSync(resolve(__dirname, '../../../../package.json'), 'utf8'));
    expect(loadConfig(base).config.release).toBe(`nestmap@${version}`);
    expect(loadConfig({ ...base, SENTRY_RELEASE: 'nestmap@2026.12.1+abc123' }).config.release).toBe(
      'nestmap@2026.12.1+abc123',
    );
  });

  it('gives each PM2 worker its own metrics port and refuses a weak METRICS_TOKEN', () => {
    expect(loadConfig(base).config.metrics).toEqual({ token: undefined, workerPort: undefined });
    expect(loadConfig({ ...base, METRICS_PORT: '9464', NODE_APP_INSTANCE: '3' }).config.metrics.workerPort).toBe(9467);
    expect(loadConfig({ ...base, METRICS_TOKEN: STRONG }).config.metrics.token).toBe(STRONG);
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN is too weak/);
  });

  it('logs through process.stdout under PM2 (pm_id set), whose cluster workers hook that stream', () => {
    expect(loadConfig(base).config.logThroughStdoutStream).toBe(false);
    expect(loadConfig({ ...base, pm_id: '0' }).config.logThroughStdoutStream).toBe(true);
  });
});

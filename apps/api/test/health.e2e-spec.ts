import { startTestApp, TestApp } from './support/test-app';

describe('Health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('returns the seed shape with 200 when the database answers', async () => {
    const response = await t.api.get('/api/health');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['database', 'memory', 'status', 'timestamp', 'uptime']);
    expect(response.body).toMatchObject({ status: 'healthy', database: 'connected' });
    expect(Number.isInteger(response.body.uptime)).toBe(true);
    expect(Object.keys(response.body.memory).sort()).toEqual(['total', 'used']);
    expect(new Date(response.body.timestamp).toISOString()).toBe(response.body.timestamp);
  });
});

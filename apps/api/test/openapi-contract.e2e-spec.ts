import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The web app's API types are generated from libs/api-client/openapi.json. This keeps that file
 * equal to what the API serves, so a changed API fails here (and then in the web build) instead of
 * in a user's browser. To refresh: `npm start`, then
 * `npm run api:types -- --from http://127.0.0.1:5000/api/docs-json`.
 */
describe('OpenAPI contract with the web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves exactly the document the web client was generated from', async () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '../../../libs/api-client/openapi.json'), 'utf8'));
    const served = (await t.api.get('/api/docs-json')).body;
    expect(served).toEqual(committed);
  });
});

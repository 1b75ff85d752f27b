import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';

const DOCUMENT = join(__dirname, '../../../libs/api-client/openapi.json');

/**
 * The web app's API types are generated from libs/api-client/openapi.json. This keeps that file
 * equal to what the API serves, so a changed API fails here (and then in the web build) instead of
 * in a user's browser. To refresh it and the types after changing the API: `npm run api:document`.
 */
describe('OpenAPI contract with the web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves exactly the document the web client was generated from', async () => {
    const served = (await t.api.get('/api/docs-json')).body;
    // `npm run api:document` formats the file with prettier afterwards, as the repository does.
    if (process.env.UPDATE_OPENAPI_DOCUMENT) writeFileSync(DOCUMENT, JSON.stringify(served));
    expect(served).toEqual(JSON.parse(readFileSync(DOCUMENT, 'utf8')));
  });
});

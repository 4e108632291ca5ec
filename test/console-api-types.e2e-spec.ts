import { committedConsoleApiTypes, consoleApiTypes } from './support/console-api-types';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The console compiles against web/src/api/schema.d.ts; a route, body or status that changed
 * without regenerating it would leave the console typed against an API that is gone.
 */
describe('the console’s generated API types', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('are what the current OpenAPI document generates', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as unknown;
    const generated = await consoleApiTypes(document);

    // Not toEqual on the texts: a failure should say what to do, not print 3,000 lines of diff.
    const verdict = generated === committedConsoleApiTypes() ? 'up to date' : 'out of date: run npm run web:api and commit it';
    expect(`web/src/api/schema.d.ts is ${verdict}`).toBe('web/src/api/schema.d.ts is up to date');
  });
});

import { LocalEmulatorHost } from '../src/ebay/local-emulator.host';
import { EmulatorControl } from './support/emulator-control';
import { connectAccount } from './support/connected-app';
import { freePort } from './support/service-process';
import { startTestApp, type TestApp } from './support/test-app';
import { registerAndLogin } from './support/users';

const PATH = '/api/ebay/notifications/account-deletion';
const TOKEN = 'local-verification-token_0123456789abcdef';

// Two apps, one after the other (never two alive in one Jest process: passport is global).
describe('without EBAY_DELETION_* configured', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 404 in JSON to eBay’s check and to notifications, whatever they carry', async () => {
    const answers = [
      await t.http.get(PATH).query({ challenge_code: 'abc' }),
      await t.http.get(PATH),
      await t.http.post(PATH).send({ metadata: { topic: 'MARKETPLACE_ACCOUNT_DELETION' } }),
      await t.http.post(PATH).set('X-EBAY-SIGNATURE', Buffer.from('{}').toString('base64')).send({}),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.headers['content-type']).toMatch(/^application\/json\b/);
      expect(answer.body).toMatchObject({ statusCode: 404, code: 'account_deletion_not_configured', requestId: expect.any(String) });
    }
  });
});

describe('with the in-process emulator (no eBay keys)', () => {
  let t: TestApp;
  let control: EmulatorControl;
  let emulatorUrl: string;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    t = await startTestApp({
      port,
      env: {
        EBAY_DELETION_VERIFICATION_TOKEN: TOKEN,
        EBAY_DELETION_ENDPOINT_URL: `http://localhost:${port}${PATH}`,
        TOKEN_REFRESH_ENABLED: 'false',
      },
    });
    emulatorUrl = t.app.get(LocalEmulatorHost).baseUrl ?? '';
    control = new EmulatorControl(emulatorUrl);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('subscribes the endpoint at its emulator, which then delivers a deletion a newcomer asks for', async () => {
    // The service subscribes once it listens; the emulator shows the endpoint once its check passed.
    await waitFor(async () => (await fetch(`${emulatorUrl}/__emulator/notifications/endpoint`)).status === 200);
    const user = await registerAndLogin(t.http);
    // The in-process emulator's RuName returns to localhost, as a newcomer's browser would.
    const { id } = await connectAccount({ http: t.http, baseUrl: `http://localhost:${port}` }, user, { ebayUser: 'seller_two' });

    expect((await control.sendAccountDeletion({ username: 'seller_two' })).status).toBe(204);
    const account = await t.http.get(`/api/ebay-accounts/${id}`).set(user.auth).expect(200);
    expect(account.body).toMatchObject({ status: 'deleted', username: null });
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The emulator never accepted the endpoint');
}

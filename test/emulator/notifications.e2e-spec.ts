import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseSignatureHeader, verifiesBody } from '../../src/account-deletion/notification-signature';
import { parseEbayPublicKey } from '../../src/ebay/ebay-public-key';
import { EBAY_SCOPES, type PublicKeyBody } from '../../src/emulator';
import { connectSeller, ebayError, getWithToken, postToken, startTestEmulator, type TestEmulator } from './emulator-test-kit';

const TOKEN = 'emulator-spec-verification-token_0123456789';
const KEY_PATH = '/commerce/notification/v1/public_key/';

/** An app's deletion endpoint: answers the challenge (right or wrong) and records notifications. */
class FakeEndpoint {
  readonly received: { headers: IncomingMessage['headers']; body: string }[] = [];
  hashFor: (code: string) => string = (code) => createHash('sha256').update(`${code}${TOKEN}${this.url}`).digest('hex');
  answer = 204;
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ challengeResponse: this.hashFor(url.searchParams.get('challenge_code') ?? '') }));
          return;
        }
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(this.answer).end();
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/ebay/deletion`;
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('emulator: Notification API keys and Marketplace Account Deletion notifications', () => {
  let t: TestEmulator;
  let endpoint: FakeEndpoint;
  let applicationToken: string;

  beforeAll(async () => {
    t = await startTestEmulator();
    endpoint = new FakeEndpoint();
    await endpoint.listen();
    const grant = await postToken(t.baseUrl, { form: { grant_type: 'client_credentials', scope: EBAY_SCOPES.public } });
    applicationToken = ((await grant.json()) as { access_token: string }).access_token;
  });
  afterAll(async () => {
    await t.emulator.close();
    await endpoint.close();
  });

  it('serves the signing key to application tokens only, and 404 for a kid it does not have', async () => {
    const { kid } = await t.control.signAccountDeletion({ username: 'seller_one' });
    const { access_token: userToken } = await connectSeller(t.baseUrl, 'seller_one');

    expect((await ebayError(await getWithToken(t.baseUrl, `${KEY_PATH}${kid}`))).errorId).toBe(1002);
    expect((await ebayError(await getWithToken(t.baseUrl, `${KEY_PATH}${kid}`, 'made-up'))).errorId).toBe(1001);
    expect((await ebayError(await getWithToken(t.baseUrl, `${KEY_PATH}${kid}`, userToken))).errorId).toBe(1100);
    const unknown = await getWithToken(t.baseUrl, `${KEY_PATH}not-${kid}`, applicationToken);
    expect(unknown.status).toBe(404);

    const found = await getWithToken(t.baseUrl, `${KEY_PATH}${kid}`, applicationToken);
    expect(found.status).toBe(200);
    const body = (await found.json()) as PublicKeyBody;
    expect(body).toMatchObject({ algorithm: 'ECDSA', digest: 'SHA1' });
    expect(body.key).toMatch(/^-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=]+-----END PUBLIC KEY-----$/);
    expect((await t.control.stats()).calls.publicKey).toBe(5);
  });

  it('signs notifications that verify with that key, over the exact body it hands out', async () => {
    const signed = await t.control.signAccountDeletion({ username: 'seller_two', notificationId: 'n-42' });
    const key = await getWithToken(t.baseUrl, `${KEY_PATH}${signed.kid}`, applicationToken);
    const publicKey = parseEbayPublicKey(await key.json()).key;
    const seller = (await t.control.users()).find((user) => user.username === 'seller_two');

    expect(verifiesBody(Buffer.from(signed.body), parseSignatureHeader(signed.signature), publicKey)).toBe(true);
    expect(verifiesBody(Buffer.from(signed.body.replace('n-42', 'n-43')), parseSignatureHeader(signed.signature), publicKey)).toBe(false);
    expect(JSON.parse(signed.body)).toMatchObject({
      metadata: { topic: 'MARKETPLACE_ACCOUNT_DELETION', schemaVersion: '1.0', deprecated: false },
      notification: { notificationId: 'n-42', publishAttemptCount: 1, data: { username: 'seller_two', userId: seller?.userId } },
    });
  });

  it('accepts an endpoint only when it answers the challenge as eBay expects', async () => {
    endpoint.hashFor = () => 'wrong';
    await expect(t.control.registerAccountDeletionEndpoint({ endpointUrl: endpoint.url, verificationToken: TOKEN })).rejects.toThrow(/409.*challengeResponse/);
    await expect(t.control.sendAccountDeletion({ username: 'seller_one' })).rejects.toThrow(/409.*No account deletion endpoint/);
    await expect(
      t.control.registerAccountDeletionEndpoint({ endpointUrl: 'http://127.0.0.1:9/nobody', verificationToken: TOKEN }),
    ).rejects.toThrow(/502/);
    await expect(t.control.registerAccountDeletionEndpoint({ endpointUrl: endpoint.url, verificationToken: 'short' })).rejects.toThrow(/400/);

    endpoint.hashFor = (code) => createHash('sha256').update(`${code}${TOKEN}${endpoint.url}`).digest('hex');
    await expect(t.control.registerAccountDeletionEndpoint({ endpointUrl: endpoint.url, verificationToken: TOKEN })).resolves.toMatchObject({
      endpointUrl: endpoint.url,
    });
  });

  it('POSTs a signed deletion to the endpoint and reports what it answered', async () => {
    endpoint.answer = 412;
    const delivery = await t.control.sendAccountDeletion({ userId: 'unknown-to-the-emulator' });
    const [received] = endpoint.received.slice(-1);

    expect(delivery).toMatchObject({ userId: 'unknown-to-the-emulator', status: 412 });
    expect(received.headers['content-type']).toBe('application/json');
    const signature = parseSignatureHeader(received.headers['x-ebay-signature']);
    const key = await getWithToken(t.baseUrl, `${KEY_PATH}${signature.kid}`, applicationToken);
    expect(verifiesBody(Buffer.from(received.body), signature, parseEbayPublicKey(await key.json()).key)).toBe(true);
    expect(JSON.parse(received.body)).toMatchObject({ notification: { notificationId: delivery.notificationId, data: { userId: 'unknown-to-the-emulator' } } });
  });
});

import { request } from 'node:http';
import type { CreatedSigningKey } from '../../src/emulator';
import {
  connectSeller,
  createSigningKey,
  ebayError,
  getWithToken,
  signatureHeaders,
  signedGet,
  startTestEmulator,
  type TestEmulator,
} from './emulator-test-kit';

const TRANSACTIONS = '/sell/finances/v1/transaction?limit=5';

/** A GET with a body, which fetch refuses to send; answered as a Response for the same asserts. */
function getWithBody(url: string, headers: Record<string, string>, body: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'GET', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/** EU/UK digital signatures on Finances (docs/ebay.md, section 9). */
describe('emulator: digital signatures on Finances for EU and UK sellers', () => {
  let t: TestEmulator;
  let ukSeller: string;
  let deSeller: string;
  let usSeller: string;
  let key: CreatedSigningKey;
  let url: string;

  /** A call with the signature's headers, each of which a test may replace or drop (undefined). */
  const call = (token: string, headers: Record<string, string | undefined>, body?: string): Promise<Response> => {
    const sent = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const all = { authorization: `Bearer ${token}`, ...sent };
    return body === undefined ? fetch(url, { headers: all }) : getWithBody(url, all, body);
  };

  /** The 400 a refused signature gets, and the reason it gives. */
  const refusal = async (response: Response): Promise<string> => {
    expect(response.status).toBe(400);
    const error = (await ebayError(response)) as { errorId: number; message: string; longMessage?: string };
    expect(error).toMatchObject({ errorId: 215120, message: 'Signature validation failed' });
    return error.longMessage ?? '';
  };

  beforeAll(async () => {
    t = await startTestEmulator();
    ukSeller = (await connectSeller(t.baseUrl, 'seller_two')).access_token;
    deSeller = (await connectSeller(t.baseUrl, 'seller_three')).access_token;
    usSeller = (await connectSeller(t.baseUrl, 'seller_one')).access_token;
    key = await createSigningKey(t);
    url = `${t.apizBaseUrl}${TRANSACTIONS}`;
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it("accepts a UK and a German seller's signed call", async () => {
    for (const token of [ukSeller, deSeller]) {
      const response = await signedGet(url, token, key);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { transactions: unknown[] }).transactions.length).toBeGreaterThan(0);
    }
  });

  it('accepts a signature made with an RSA key (RSASSA-PKCS1-v1_5, SHA-256)', async () => {
    const rsa = await createSigningKey(t, 'RSA');

    expect((await signedGet(url, ukSeller, rsa)).status).toBe(200);
  });

  it('accepts a signed call with a body, its Content-Digest covered', async () => {
    const body = '{"note":"Finances reads take no body, but a signed one still verifies"}';

    const response = await call(ukSeller, signatureHeaders(key, { url, body }), body);

    expect(response.status).toBe(200);
  });

  it("refuses a UK seller's unsigned call with eBay's 400", async () => {
    expect(await refusal(await getWithToken(t.apizBaseUrl, TRANSACTIONS, ukSeller))).toContain('x-ebay-signature-key');
  });

  it('refuses an altered signature', async () => {
    const headers = signatureHeaders(key, { url });
    const signature = Buffer.from(headers.signature?.slice(6, -1) ?? '', 'base64');
    signature[0] = (signature[0] ?? 0) ^ 0xff;

    const response = await call(ukSeller, { ...headers, signature: `sig1=:${signature.toString('base64')}:` });

    expect(await refusal(response)).toContain('does not verify');
  });

  it('refuses a signature made for another path or another host', async () => {
    const otherPath = signatureHeaders(key, { url: `${t.apizBaseUrl}/sell/finances/v1/payout` });
    const otherHost = signatureHeaders(key, { url: url.replace('127.0.0.1', 'apiz.ebay.com') });

    expect(await refusal(await call(ukSeller, otherPath))).toContain('does not verify');
    expect(await refusal(await call(ukSeller, otherHost))).toContain('does not verify');
  });

  it('refuses an altered body: its Content-Digest no longer matches', async () => {
    const headers = signatureHeaders(key, { url, body: '{"amount":"10.00"}' });

    const response = await call(ukSeller, headers, '{"amount":"99.00"}');

    expect(await refusal(response)).toContain('Content-Digest does not match');
  });

  it('refuses a body sent without a Content-Digest covering it', async () => {
    const response = await call(ukSeller, signatureHeaders(key, { url }), '{"amount":"10.00"}');

    expect(await refusal(response)).toMatch(/Content-Digest|content-digest/);
  });

  it('refuses a stale or future created', async () => {
    const now = Math.floor(Date.now() / 1000);

    const stale = await call(ukSeller, signatureHeaders(key, { url, createdSeconds: now - 600 }));
    const future = await call(ukSeller, signatureHeaders(key, { url, createdSeconds: now + 600 }));

    expect(await refusal(stale)).toContain('created');
    expect(await refusal(future)).toContain('created');
    expect((await call(ukSeller, signatureHeaders(key, { url, createdSeconds: now - 240 }))).status).toBe(200);
  });

  it('refuses an unknown key, and one past its expirationTime', async () => {
    const unknown = { ...key, jwe: `${key.jwe.slice(0, -4)}AAAA` };

    expect(await refusal(await call(ukSeller, signatureHeaders(unknown, { url })))).toContain('no key');
    await t.control.advanceClock(3 * 366 * 24 * 60 * 60);
    try {
      const { access_token } = await connectSeller(t.baseUrl, 'seller_two');
      expect(await refusal(await signedGet(url, access_token, key))).toContain('expired');
    } finally {
      await t.control.setClockOffset(0);
    }
  });

  it('refuses a key the control API made eBay forget', async () => {
    const forgotten = await createSigningKey(t);
    expect((await signedGet(url, ukSeller, forgotten)).status).toBe(200);

    await t.control.forgetSigningKey(forgotten.signingKeyId);

    expect(await refusal(await signedGet(url, ukSeller, forgotten))).toContain('no key');
    await expect(t.control.forgetSigningKey(forgotten.signingKeyId)).rejects.toThrow(/404/);
  });

  it('refuses a Signature-Input that leaves out a component eBay wants, or is malformed', async () => {
    const headers = signatureHeaders(key, { url });
    const withoutAuthority = headers['signature-input']?.replace(' "@authority"', '') ?? '';

    expect(await refusal(await call(ukSeller, { ...headers, 'signature-input': withoutAuthority }))).toContain('@authority');
    expect(await refusal(await call(ukSeller, { ...headers, 'signature-input': 'sig1=nonsense' }))).toContain('malformed');
    expect(await refusal(await call(ukSeller, { ...headers, signature: undefined }))).toContain('Signature header');
  });

  it("passes a US seller's call unsigned, and ignores even a broken signature on it", async () => {
    expect((await getWithToken(t.apizBaseUrl, TRANSACTIONS, usSeller)).status).toBe(200);
    const broken = { ...signatureHeaders(key, { url }), signature: 'sig1=:AAAA:' };
    expect((await call(usSeller, broken)).status).toBe(200);
  });

  it("ignores a broken signature outside Finances, even a UK seller's", async () => {
    const broken = { ...signatureHeaders(key, { url }), signature: 'sig1=:AAAA:' };

    const identity = await fetch(`${t.apizBaseUrl}/commerce/identity/v1/user/`, {
      headers: { authorization: `Bearer ${ukSeller}`, ...broken },
    });

    expect(identity.status).toBe(200);
  });

  it('checks the token before the signature', async () => {
    const response = await getWithToken(t.apizBaseUrl, TRANSACTIONS, 'v^1.1#i^1#not-issued');

    expect(response.status).toBe(401);
  });
});

import { generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';

/** getPublicKey's body, key for key as eBay sends it. */
export interface PublicKeyBody {
  algorithm: 'ECDSA';
  digest: 'SHA1';
  /** PEM on one line, markers included, as eBay sends it (docs/ebay.md, section 11). */
  key: string;
}

/**
 * The key pair this emulator signs notifications with: ECDSA P-256, made at start and never
 * written to the state file (a restarted emulator signs under a new kid, which a client then
 * fetches, as it would when eBay rotates its keys).
 */
export class NotificationSigner {
  readonly kid = randomUUID();
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor() {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' }));
  }

  publicKeyBody(): PublicKeyBody {
    const der = this.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    return { algorithm: 'ECDSA', digest: 'SHA1', key: `-----BEGIN PUBLIC KEY-----${der}-----END PUBLIC KEY-----` };
  }

  /** X-EBAY-SIGNATURE for these body bytes: base64 JSON with a DER ECDSA/SHA-1 signature. */
  signatureHeader(body: Buffer): string {
    const signature = sign('sha1', body, { key: this.privateKey, dsaEncoding: 'der' }).toString('base64');
    return Buffer.from(JSON.stringify({ alg: 'ecdsa', kid: this.kid, signature, digest: 'SHA1' })).toString('base64');
  }
}

import { createPublicKey, generateKeyPair, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

export type SigningKeyCipher = 'ED25519' | 'RSA';
export const SIGNING_KEY_CIPHERS: readonly SigningKeyCipher[] = ['ED25519', 'RSA'];

const KEY_LIFE_YEARS = 3;

/** A key as getSigningKey answers it: no private key (eBay keeps none). Times are Unix seconds. */
export interface SigningKeyView {
  signingKeyId: string;
  signingKeyCipher: SigningKeyCipher;
  /** Base64 DER SubjectPublicKeyInfo. */
  publicKey: string;
  /** What a signed request sends as `x-ebay-signature-key`. */
  jwe: string;
  creationTime: number;
  expirationTime: number;
}

/** createSigningKey's answer: the only time the private key (base64 DER PKCS#8) is seen. */
export interface CreatedSigningKey extends SigningKeyView {
  privateKey: string;
}

/** A key as the emulator keeps it (and a state file holds it): the app it belongs to, no private key. */
export interface SigningKeyRecord extends SigningKeyView {
  clientId: string;
}

/**
 * Key Management's signing keys, per app. The private key is handed out once and never kept,
 * as at eBay. The `jwe` is opaque here: eBay's is a JWE wrapping the public key, ours a string
 * of the same shape that the emulator maps back to the key it issued.
 */
export class SigningKeys {
  private readonly byJwe = new Map<string, SigningKeyRecord>();
  private readonly publicKeys = new Map<string, KeyObject>();

  /** `changed` hears of every new key; reads never call it. */
  constructor(private readonly changed: () => void) {}

  async create(clientId: string, cipher: SigningKeyCipher, nowMs: number): Promise<CreatedSigningKey> {
    const { publicKey, privateKey } =
      cipher === 'ED25519'
        ? await generateKeyPairAsync('ed25519')
        : await generateKeyPairAsync('rsa', { modulusLength: 2048 });
    const expiresAt = new Date(nowMs);
    expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + KEY_LIFE_YEARS);
    const record: SigningKeyRecord = {
      clientId,
      signingKeyId: randomUUID(),
      signingKeyCipher: cipher,
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      jwe: opaqueJwe(),
      creationTime: Math.floor(nowMs / 1000),
      expirationTime: Math.floor(expiresAt.getTime() / 1000),
    };
    this.add(record);
    this.changed();
    return { ...viewOf(record), privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') };
  }

  /** The app's keys, oldest first. */
  list(clientId: string): SigningKeyView[] {
    return [...this.byJwe.values()].filter((key) => key.clientId === clientId).map(viewOf);
  }

  find(clientId: string, signingKeyId: string): SigningKeyView | undefined {
    const key = [...this.byJwe.values()].find((candidate) => candidate.signingKeyId === signingKeyId);
    return key === undefined || key.clientId !== clientId ? undefined : viewOf(key);
  }

  /** The key a request's `x-ebay-signature-key` names, with its public key ready to verify with. */
  findByJwe(jwe: string): { key: SigningKeyRecord; publicKey: KeyObject } | undefined {
    const key = this.byJwe.get(jwe);
    const publicKey = key === undefined ? undefined : this.publicKeys.get(key.signingKeyId);
    return key === undefined || publicKey === undefined ? undefined : { key, publicKey };
  }

  /** Forgets a key, so signatures made with it are refused as unknown; false when there is none. */
  delete(signingKeyId: string): boolean {
    const key = [...this.byJwe.values()].find((candidate) => candidate.signingKeyId === signingKeyId);
    if (key === undefined) return false;
    this.byJwe.delete(key.jwe);
    this.publicKeys.delete(signingKeyId);
    this.changed();
    return true;
  }

  snapshot(): SigningKeyRecord[] {
    return [...this.byJwe.values()];
  }

  restore(records: readonly SigningKeyRecord[]): void {
    this.clear();
    for (const record of records) this.add(record);
    this.changed();
  }

  clear(): void {
    this.byJwe.clear();
    this.publicKeys.clear();
    this.changed();
  }

  private add(record: SigningKeyRecord): void {
    this.byJwe.set(record.jwe, record);
    this.publicKeys.set(
      record.signingKeyId,
      createPublicKey({ key: Buffer.from(record.publicKey, 'base64'), format: 'der', type: 'spki' }),
    );
  }
}

function viewOf({ clientId: _clientId, ...view }: SigningKeyRecord): SigningKeyView {
  return view;
}

/** Five base64url parts, like eBay's compact JWE (A256GCMKW, A256GCM, deflated). */
function opaqueJwe(): string {
  const header = { zip: 'DEF', enc: 'A256GCM', tag: randomBytes(16).toString('base64url'), alg: 'A256GCMKW' };
  return [
    Buffer.from(JSON.stringify(header)).toString('base64url'),
    randomBytes(32).toString('base64url'),
    randomBytes(12).toString('base64url'),
    randomBytes(160).toString('base64url'),
    randomBytes(16).toString('base64url'),
  ].join('.');
}

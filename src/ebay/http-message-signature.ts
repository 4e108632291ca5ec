import { createHash, createPrivateKey, type KeyObject, sign } from 'node:crypto';

/**
 * eBay's digital signature of a request (docs/ebay.md, section 9): RFC 9421 HTTP Message
 * Signatures with an Ed25519 key from the Key Management API, and an RFC 9530 body digest.
 * Pure: the caller supplies the key and the time, so one request always signs the same way.
 */

/** The request as it goes on the wire. */
export interface SignableRequest {
  readonly method: string;
  /** The absolute URL the request is sent to; its query is not signed. */
  readonly url: string | URL;
  /** The exact bytes sent; absent or empty: no body, no Content-Digest. */
  readonly body?: Uint8Array;
}

/** What signs: the key's JWE (sent as is) and its private key. */
export interface SigningKeyMaterial {
  readonly jwe: string;
  /** PKCS#8 DER, base64 (as the Key Management API hands it out), or a key made from it once. */
  readonly privateKey: string | KeyObject;
}

/** The headers a signed request carries, under the names eBay documents. */
export interface SignatureHeaders {
  readonly 'x-ebay-signature-key': string;
  /** Only when the request has a body. */
  readonly 'Content-Digest'?: string;
  readonly 'Signature-Input': string;
  readonly Signature: string;
}

const LABEL = 'sig1';

/** The headers that sign `request` with `key`, made at `createdSeconds` (Unix seconds). */
export function signRequest(request: SignableRequest, key: SigningKeyMaterial, createdSeconds: number): SignatureHeaders {
  const digest = hasBody(request.body) ? contentDigest(request.body) : undefined;
  const parameters = signatureParameters(digest !== undefined, createdSeconds);
  const base = signatureBase(request, { jwe: key.jwe, contentDigest: digest }, parameters);
  const signature = sign(null, Buffer.from(base, 'utf8'), privateKeyOf(key.privateKey)).toString('base64');
  return {
    'x-ebay-signature-key': key.jwe,
    ...(digest === undefined ? {} : { 'Content-Digest': digest }),
    'Signature-Input': `${LABEL}=${parameters}`,
    Signature: `${LABEL}=:${signature}:`,
  };
}

/** `sha-256=:<base64>:` of the body's bytes (RFC 9530). */
export function contentDigest(body: Uint8Array): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

/**
 * The inner list and parameters of Signature-Input, which is also the value of the base's last
 * line: `("content-digest" "x-ebay-signature-key" "@method" "@path" "@authority");created=<s>`,
 * without content-digest when there is no body.
 */
export function signatureParameters(hasContentDigest: boolean, createdSeconds: number): string {
  const components = [
    ...(hasContentDigest ? ['content-digest'] : []),
    'x-ebay-signature-key',
    '@method',
    '@path',
    '@authority',
  ];
  return `(${components.map((name) => `"${name}"`).join(' ')});created=${createdSeconds}`;
}

/**
 * The bytes that are signed (RFC 9421, section 2.5): one `"<name>": <value>` line per
 * component in Signature-Input's order, then the `@signature-params` line, joined by \n with
 * no newline at the end. `@path` is the path without the query; `@authority` the host, with
 * the port only when it is not the scheme's default.
 */
export function signatureBase(
  request: Pick<SignableRequest, 'method' | 'url'>,
  headers: { readonly jwe: string; readonly contentDigest: string | undefined },
  parameters: string,
): string {
  const url = typeof request.url === 'string' ? new URL(request.url) : request.url;
  return [
    ...(headers.contentDigest === undefined ? [] : [`"content-digest": ${headers.contentDigest}`]),
    `"x-ebay-signature-key": ${headers.jwe}`,
    `"@method": ${request.method.toUpperCase()}`,
    `"@path": ${url.pathname}`,
    `"@authority": ${url.host.toLowerCase()}`,
    `"@signature-params": ${parameters}`,
  ].join('\n');
}

function hasBody(body: Uint8Array | undefined): body is Uint8Array {
  return body !== undefined && body.byteLength > 0;
}

function privateKeyOf(key: string | KeyObject): KeyObject {
  return typeof key === 'string' ? ed25519PrivateKey(key) : key;
}

/**
 * The private key of a Key Management answer as a KeyObject; throws (without the key in the
 * message) when it is not a PKCS#8 Ed25519 key.
 */
export function ed25519PrivateKey(pkcs8Base64: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error('The signing key is not a PKCS#8 private key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`The signing key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
}

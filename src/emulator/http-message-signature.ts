import { createHash } from 'node:crypto';

/**
 * eBay's HTTP message signatures (RFC 9421, with the Content-Digest of RFC 9530) as
 * docs/ebay.md (section 9) describes them: the signature base, the four header values, and
 * their parsing. Pure: the emulator verifies with it, and docs/emulator.md lists fixed vectors
 * a signer can check itself against.
 */

/** The label eBay's examples use: `Signature-Input: sig1=(…)`, `Signature: sig1=:…:`. */
export const SIGNATURE_LABEL = 'sig1';

/** What eBay wants covered, in this order; `content-digest` only when the request has a body. */
export const EBAY_COMPONENTS = ['content-digest', 'x-ebay-signature-key', '@method', '@path', '@authority'] as const;

export type SignatureComponent = (typeof EBAY_COMPONENTS)[number];

/** What a signature covers, read off the request as it goes on the wire. */
export interface SignedRequestParts {
  /** Upper case, e.g. GET. */
  readonly method: string;
  /** The path as sent, without the query: /sell/finances/v1/transaction. */
  readonly path: string;
  /** host[:port] as sent in the Host header, e.g. apiz.ebay.com. */
  readonly authority: string;
  /** Header values by lower-case name; only the covered ones are read. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** The components to cover: eBay's list, without `content-digest` when there is no body. */
export function componentsFor(hasBody: boolean): SignatureComponent[] {
  return EBAY_COMPONENTS.filter((component) => hasBody || component !== 'content-digest');
}

/** The `@signature-params` value: `("x-ebay-signature-key" "@method" …);created=1767225600`. */
export function signatureParams(components: readonly string[], createdSeconds: number): string {
  return `(${components.map((component) => `"${component}"`).join(' ')});created=${createdSeconds}`;
}

/**
 * The signature base: one line `"<component>": <value>` per component, in the listed order,
 * then `"@signature-params": <params>`; lines joined by `\n`, none after the last. Throws a
 * RangeError naming a component the request lacks or the scheme does not know.
 */
export function signatureBase(request: SignedRequestParts, components: readonly string[], params: string): string {
  const lines = components.map((component) => `"${component}": ${componentValue(request, component)}`);
  return [...lines, `"@signature-params": ${params}`].join('\n');
}

function componentValue(request: SignedRequestParts, component: string): string {
  switch (component) {
    case '@method':
      return request.method.toUpperCase();
    case '@path':
      return request.path;
    case '@authority':
      // RFC 9421, 2.2.3: the authority is normalised to lower case.
      return request.authority.toLowerCase();
    default: {
      if (component.startsWith('@') || component !== component.toLowerCase()) {
        throw new RangeError(`The signature covers "${component}", which this scheme does not know`);
      }
      const value = request.headers[component];
      if (value === undefined) throw new RangeError(`The signature covers "${component}", which the request does not send`);
      // RFC 9421, 2.1: a header's value with its surrounding whitespace removed.
      return value.trim();
    }
  }
}

/** `Content-Digest` for a body: `sha-256=:<base64 of SHA-256(body)>:`. */
export function contentDigest(body: Buffer | string): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

/** `Signature-Input`: `sig1=<params>`. */
export function signatureInputHeader(params: string): string {
  return `${SIGNATURE_LABEL}=${params}`;
}

/** `Signature`: `sig1=:<base64>:`. */
export function signatureHeader(signature: Buffer): string {
  return `${SIGNATURE_LABEL}=:${signature.toString('base64')}:`;
}

/** A `Signature-Input` read back: its label, the components in order, its params and created time. */
export interface ParsedSignatureInput {
  readonly label: string;
  readonly components: string[];
  /** Exactly as sent after `<label>=`: what `@signature-params` must repeat. */
  readonly params: string;
  readonly createdSeconds: number;
}

// label=("a" "b" …);created=N, other parameters (keyid, alg…) allowed after created.
const SIGNATURE_INPUT = /^\s*([a-z][a-z0-9_-]*)=(\(((?:"[^"]+"(?: "[^"]+")*)?)\)((?:;[a-z]+=(?:\d+|"[^"]*"))*))\s*$/;

/** Undefined when the header is not one signature's input with a numeric `created`. */
export function parseSignatureInput(header: string): ParsedSignatureInput | undefined {
  const match = SIGNATURE_INPUT.exec(header);
  if (match === null) return undefined;
  const [, label = '', params = '', list = '', parameters = ''] = match;
  const created = /;created=(\d+)(?:;|$)/.exec(parameters)?.[1];
  if (created === undefined) return undefined;
  const components = list === '' ? [] : list.split(' ').map((quoted) => quoted.slice(1, -1));
  return { label, components, params, createdSeconds: Number(created) };
}

/** The signature bytes of `Signature: <label>=:<base64>:`; undefined when the header is not that. */
export function parseSignature(header: string, label: string): Buffer | undefined {
  const match = /^\s*([a-z][a-z0-9_-]*)=:([A-Za-z0-9+/]+={0,2}):\s*$/.exec(header);
  if (match === null || match[1] !== label) return undefined;
  return Buffer.from(match[2] ?? '', 'base64');
}

/** `sha-256=:…:` or `sha-512=:…:` read back; undefined for anything else. */
export function parseContentDigest(header: string): { algorithm: 'sha256' | 'sha512'; digest: Buffer } | undefined {
  const match = /^\s*(sha-256|sha-512)=:([A-Za-z0-9+/]+={0,2}):\s*$/.exec(header);
  if (match === null) return undefined;
  return { algorithm: match[1] === 'sha-256' ? 'sha256' : 'sha512', digest: Buffer.from(match[2] ?? '', 'base64') };
}

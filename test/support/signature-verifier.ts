import { createHash, createPublicKey, verify } from 'node:crypto';
import type { ForwardedRequest } from './key-management-stub';

/**
 * What eBay checks of a signed request, written from docs/ebay.md (section 9) apart from the
 * service's signer: the components Signature-Input names, rebuilt from the request as it
 * arrived (Host as @authority), verified with the public key behind the JWE; the body
 * against Content-Digest. Answers why it fails, or 'valid'.
 */
export function verifyEbaySignature(request: ForwardedRequest, publicKeyOf: (jwe: string) => string | undefined): string {
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const jwe = header('x-ebay-signature-key');
  const input = header('signature-input');
  const signature = header('signature');
  if (jwe === undefined || input === undefined || signature === undefined) return 'unsigned';
  const publicKey = publicKeyOf(jwe);
  if (publicKey === undefined) return 'unknown key';

  const parsedInput = /^sig1=(\(([^)]*)\);created=(\d+))$/.exec(input);
  if (parsedInput === null) return 'unreadable Signature-Input';
  const [, parameters, list] = parsedInput;
  const components = list.split(' ').map((item) => /^"([^"]+)"$/.exec(item)?.[1]);
  const expected = request.body.length > 0
    ? ['content-digest', 'x-ebay-signature-key', '@method', '@path', '@authority']
    : ['x-ebay-signature-key', '@method', '@path', '@authority'];
  if (components.join(' ') !== expected.join(' ')) return `unexpected components ${list}`;

  if (request.body.length > 0) {
    const digest = `sha-256=:${createHash('sha256').update(request.body).digest('base64')}:`;
    if (header('content-digest') !== digest) return 'Content-Digest does not match the body';
  } else if (header('content-digest') !== undefined) {
    return 'Content-Digest without a body';
  }

  const valueOf = (component: string): string | undefined => {
    switch (component) {
      case '@method':
        return request.method.toUpperCase();
      case '@path':
        return request.url.split('?', 1)[0];
      case '@authority':
        return header('host')?.toLowerCase();
      default:
        return header(component);
    }
  };
  const lines = [...expected.map((component) => `"${component}": ${valueOf(component) ?? ''}`), `"@signature-params": ${parameters}`];
  const [, signatureBase64] = /^sig1=:([A-Za-z0-9+/=]+):$/.exec(signature) ?? [];
  if (signatureBase64 === undefined) return 'unreadable Signature';
  const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
  return verify(null, Buffer.from(lines.join('\n')), key, Buffer.from(signatureBase64, 'base64')) ? 'valid' : 'invalid signature';
}

import type { Request } from 'express';
import { ProxyBodyTooLargeError } from './ebay-proxy.errors';

/**
 * The request's body, bytes as sent (any content type, binary included), or undefined without
 * one. Refused with 413 from its Content-Length before a byte is read, or as soon as a body of
 * unknown length passes `maxBytes`: it is never held beyond the limit.
 */
export async function readBoundedBody(request: Request, maxBytes: number): Promise<Buffer | undefined> {
  const declared = request.headers['content-length'];
  const hasBody = request.headers['transfer-encoding'] !== undefined || (declared !== undefined && declared !== '0');
  if (!hasBody) return undefined;
  if (declared !== undefined && Number(declared) > maxBytes) throw new ProxyBodyTooLargeError(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      // Stop reading; the refusal goes out and the connection closes behind it.
      request.pause();
      throw new ProxyBodyTooLargeError(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

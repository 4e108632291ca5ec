import type { Request } from 'express';
import { gatewayErrors } from './ebay-errors';

/** Reading requests without body-parser: the token endpoint must see the raw body to refuse non-form ones. */

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Request body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The query string as sent, decoded once (URLSearchParams turns '+' into a space, as forms mean it). */
export function searchParamsOf(req: Request): URLSearchParams {
  const questionMark = req.originalUrl.indexOf('?');
  return new URLSearchParams(questionMark === -1 ? '' : req.originalUrl.slice(questionMark + 1));
}

export async function readBody(req: Request, limitBytes: number): Promise<string> {
  return (await readRawBody(req, limitBytes)).toString('utf8');
}

/** The body's bytes as sent: what a Content-Digest is computed over. */
export async function readRawBody(req: Request, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A REST call's body bytes; over the limit, eBay's gateway answers 413 with its envelope. */
export async function readRestBody(req: Request, limitBytes: number): Promise<Buffer> {
  try {
    return await readRawBody(req, limitBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw gatewayErrors.invalidRequest(413);
    throw error;
  }
}

/** Whether the request's Content-Type is this media type, parameters such as charset aside. */
export function hasMediaType(req: Request, mediaType: string): boolean {
  const header = req.headers['content-type'];
  return header !== undefined && header.split(';')[0]?.trim().toLowerCase() === mediaType;
}

/** scheme://host:port as the client addressed us, so links in responses work from where it stands. */
export function originOf(req: Request, fallback: string): string {
  const host = req.headers.host;
  return host === undefined || host === '' ? fallback : `${req.protocol}://${host}`;
}

import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { HttpLayerError } from './http-layer.error';

/** The longest request line target the API answers (paths plus query strings). */
export const MAX_URL_LENGTH = 8 * 1024;
/** All request headers together, as the app counts them; beyond, 431. */
export const MAX_HEADERS_BYTES = 16 * 1024;
/**
 * Node's own parser limit, above the app's: up to here the app answers (JSON, with a request
 * id); past it Node refuses, and `answerClientErrorsInJson` writes the JSON body itself.
 */
const NODE_MAX_HEADER_SIZE = 64 * 1024;

/** Methods whose requests carry a body the API reads. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const JSON_TYPES = ['application/json', 'application/*+json'];

/** Whether the JSON body parser should read this request: a body method with a JSON body. */
export function isJsonBody(request: IncomingMessage): boolean {
  return BODY_METHODS.has(request.method ?? '') && (request as Request).is(JSON_TYPES) !== false;
}

/**
 * Refuses, before any route runs: a target longer than MAX_URL_LENGTH (414), headers beyond
 * MAX_HEADERS_BYTES (431), and a body that is not JSON on a method that takes one (415),
 * except on routes `takesAnyBody` names (the eBay proxy passes any content type on).
 */
export function requestLimits(takesAnyBody: (request: Request) => boolean) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (request.originalUrl.length > MAX_URL_LENGTH) {
      next(new HttpLayerError(414, 'request.url.too.long', `The request URL is longer than ${MAX_URL_LENGTH} bytes`));
      return;
    }
    const headerBytes = request.rawHeaders.reduce((sum, part) => sum + part.length + 2, 0);
    if (headerBytes > MAX_HEADERS_BYTES) {
      next(new HttpLayerError(431, 'request.headers.too.large', `The request headers are larger than ${MAX_HEADERS_BYTES} bytes`));
      return;
    }
    if (BODY_METHODS.has(request.method) && hasBody(request) && request.is(JSON_TYPES) === false && !takesAnyBody(request)) {
      next(new HttpLayerError(415, 'entity.content.type', 'Send the request body as application/json'));
      return;
    }
    next();
  };
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Node refuses what its HTTP parser cannot take (headers past its limit, malformed requests)
 * before the app sees a request; by default with an empty, non-JSON answer. This writes the
 * service's error body instead, then closes the connection, as Node would.
 */
export function answerClientErrorsInJson(server: Server): void {
  // The createServer option, read by Node for each new connection; Nest creates the server
  // without options, so it is set here, before the server listens.
  (server as Server & { maxHeaderSize?: number }).maxHeaderSize = NODE_MAX_HEADER_SIZE;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage?.headersSent === true) {
      socket.destroy();
      return;
    }
    const isTooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = isTooLarge ? 431 : 400;
    const reason = STATUS_CODES[status] ?? 'Error';
    const requestId = randomUUID();
    const body = JSON.stringify({
      statusCode: status,
      error: reason,
      message: isTooLarge ? `The request headers are larger than ${NODE_MAX_HEADER_SIZE} bytes` : 'The request is not valid HTTP',
      requestId,
    });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

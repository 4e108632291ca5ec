import { request } from 'node:http';
import type { PlannedRequest } from './request-plan';
import type { ReceivedResponse } from './response-check';

const TIMEOUT_MS = 15_000;

/**
 * Sends a planned request exactly as planned (a GET may carry a body, a path may hold bytes
 * fetch would refuse) and collects the whole answer (of a live stream, its head).
 */
export function sendRequest(baseUrl: string, planned: PlannedRequest): Promise<ReceivedResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        hostname,
        port,
        method: planned.method,
        path: planned.target,
        headers: {
          ...planned.headers,
          ...(planned.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(planned.body)) }),
        },
        timeout: TIMEOUT_MS,
      },
      (response) => {
        // A live stream never ends by itself: its status and media type are the answer.
        if (response.headers['content-type']?.startsWith('text/event-stream') === true) {
          resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], isUpstream: false, text: '' });
          outgoing.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'] ?? null,
            isUpstream: response.headers['x-ebay-connect-upstream'] === 'ebay',
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end(planned.body);
  });
}

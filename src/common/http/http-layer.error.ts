/**
 * A request the service's HTTP layer refuses before any route runs (request-limits.ts,
 * body-sanity.ts, json-depth.ts). `type` follows body-parser's errors (`entity.too.large`…),
 * and the exception filter answers `status` with `message`.
 */
export class HttpLayerError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

import { ApiParam } from '../openapi/openapi-decorators';

/** Documents a path parameter that ParseUUIDPipe checks: a UUID, or 400. */
export function ApiUuidParam(name = 'id', description?: string): MethodDecorator {
  return ApiParam({ name, type: String, format: 'uuid', ...(description === undefined ? {} : { description }) });
}

import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';

export type JsonSchema = OpenAPIV3.SchemaObject;

export interface ParameterSpec {
  readonly name: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
}

/** One operation of the document, its $refs resolved, as the contract test needs it. */
export interface ContractOperation {
  /** `GET /api/ebay-accounts/{id}` */
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly pathParams: readonly ParameterSpec[];
  readonly queryParams: readonly ParameterSpec[];
  readonly body: JsonSchema | undefined;
  /** No JWT needed (an optional one may still come along). */
  readonly isPublic: boolean;
  /** Documented statuses, each with its JSON body schema if it has one. */
  readonly responses: ReadonlyMap<number, JsonSchema | undefined>;
  /** The operation relays another server's answers (the eBay proxy: a `default` response). */
  readonly relaysUpstream: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of an OpenAPI document (as the service serves it at /docs-json). */
export async function contractOperations(document: OpenAPIV3.Document): Promise<ContractOperation[]> {
  const resolved = (await SwaggerParser.dereference(structuredClone(document) as never)) as unknown as OpenAPIV3.Document;
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(resolved.paths)) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (operation === undefined) continue;
      const parameters = (operation.parameters ?? []) as OpenAPIV3.ParameterObject[];
      const spec = (location: string): ParameterSpec[] =>
        parameters
          .filter((parameter) => parameter.in === location)
          .map((parameter) => ({
            name: parameter.name,
            required: parameter.required === true,
            schema: (parameter.schema ?? { type: 'string' }) as JsonSchema,
          }));
      const body = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content['application/json']?.schema;
      const security = operation.security ?? resolved.security ?? [];
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: spec('path'),
        queryParams: spec('query'),
        body: body as JsonSchema | undefined,
        isPublic: security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0),
        relaysUpstream: 'default' in operation.responses,
        responses: new Map(
          Object.entries(operation.responses).filter(([status]) => status !== 'default').map(([status, response]) => [
            Number(status),
            (response as OpenAPIV3.ResponseObject).content?.['application/json']?.schema as JsonSchema | undefined,
          ]),
        ),
      });
    }
  }
  return operations;
}

import type * as Swagger from '@nestjs/swagger';

/**
 * The @nestjs/swagger decorators the service uses, under their own names, without loading
 * @nestjs/swagger at start-up: its index pulls in es-toolkit's 400-file ESM barrel, the most
 * expensive package of the boot, for metadata that only the OpenAPI document reads. Each use
 * is recorded with its arguments and target at class definition; `applyOpenApiDecorators`
 * runs the real decorators on the same targets, in the same order, before the document is
 * first built (src/openapi.ts), and any decorator used after that is applied at once. The
 * document is the one the eager decorators wrote (test/lazy-loading.e2e-spec.ts and the contract test hold it).
 */
type SwaggerModuleExports = typeof Swagger;
type DecoratorFactoryName =
  | 'ApiAcceptedResponse'
  | 'ApiBadGatewayResponse'
  | 'ApiBadRequestResponse'
  | 'ApiBearerAuth'
  | 'ApiBody'
  | 'ApiConflictResponse'
  | 'ApiCreatedResponse'
  | 'ApiDefaultResponse'
  | 'ApiExtraModels'
  | 'ApiForbiddenResponse'
  | 'ApiGatewayTimeoutResponse'
  | 'ApiFoundResponse'
  | 'ApiHeader'
  | 'ApiNoContentResponse'
  | 'ApiNotFoundResponse'
  | 'ApiOkResponse'
  | 'ApiOperation'
  | 'ApiParam'
  | 'ApiPayloadTooLargeResponse'
  | 'ApiPreconditionFailedResponse'
  | 'ApiProperty'
  | 'ApiPropertyOptional'
  | 'ApiQuery'
  | 'ApiSecurity'
  | 'ApiServiceUnavailableResponse'
  | 'ApiTags'
  | 'ApiTooManyRequestsResponse'
  | 'ApiUnauthorizedResponse';

/** Class, method and property decorators, as TypeScript calls them. */
type AnyDecorator = (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => unknown;
type AnyDecoratorFactory = (...args: unknown[]) => AnyDecorator;

interface Use {
  readonly factory: DecoratorFactoryName;
  readonly args: readonly unknown[];
  readonly target: object;
  readonly key: string | symbol | undefined;
  readonly descriptor: PropertyDescriptor | undefined;
}

const recorded: Use[] = [];
let swagger: SwaggerModuleExports | undefined;

function apply(loaded: SwaggerModuleExports, use: Use): void {
  // Every name above is a decorator factory of @nestjs/swagger; their own signatures differ.
  const factory = loaded[use.factory] as AnyDecoratorFactory;
  factory(...use.args)(use.target, use.key, use.descriptor);
}

function deferred<Name extends DecoratorFactoryName>(factory: Name): SwaggerModuleExports[Name] {
  const recording: AnyDecoratorFactory =
    (...args) =>
    (target, key, descriptor) => {
      const use = { factory, args, target, key, descriptor };
      if (swagger === undefined) recorded.push(use);
      else apply(swagger, use);
      // Returning nothing leaves the class, method or property as it is, as the real ones do.
      return undefined;
    };
  return recording as unknown as SwaggerModuleExports[Name];
}

/** Runs every decorator recorded so far, once, and from now on runs them as they are used. */
export function applyOpenApiDecorators(loaded: SwaggerModuleExports): void {
  if (swagger !== undefined) return;
  swagger = loaded;
  for (const use of recorded.splice(0)) apply(loaded, use);
}

export const ApiAcceptedResponse = deferred('ApiAcceptedResponse');
export const ApiBadGatewayResponse = deferred('ApiBadGatewayResponse');
export const ApiBadRequestResponse = deferred('ApiBadRequestResponse');
export const ApiBearerAuth = deferred('ApiBearerAuth');
export const ApiBody = deferred('ApiBody');
export const ApiConflictResponse = deferred('ApiConflictResponse');
export const ApiCreatedResponse = deferred('ApiCreatedResponse');
export const ApiDefaultResponse = deferred('ApiDefaultResponse');
export const ApiExtraModels = deferred('ApiExtraModels');
export const ApiForbiddenResponse = deferred('ApiForbiddenResponse');
export const ApiGatewayTimeoutResponse = deferred('ApiGatewayTimeoutResponse');
export const ApiFoundResponse = deferred('ApiFoundResponse');
export const ApiHeader = deferred('ApiHeader');
export const ApiNoContentResponse = deferred('ApiNoContentResponse');
export const ApiNotFoundResponse = deferred('ApiNotFoundResponse');
export const ApiOkResponse = deferred('ApiOkResponse');
export const ApiOperation = deferred('ApiOperation');
export const ApiParam = deferred('ApiParam');
export const ApiPayloadTooLargeResponse = deferred('ApiPayloadTooLargeResponse');
export const ApiPreconditionFailedResponse = deferred('ApiPreconditionFailedResponse');
export const ApiProperty = deferred('ApiProperty');
export const ApiPropertyOptional = deferred('ApiPropertyOptional');
export const ApiQuery = deferred('ApiQuery');
export const ApiSecurity = deferred('ApiSecurity');
export const ApiServiceUnavailableResponse = deferred('ApiServiceUnavailableResponse');
export const ApiTags = deferred('ApiTags');
export const ApiTooManyRequestsResponse = deferred('ApiTooManyRequestsResponse');
export const ApiUnauthorizedResponse = deferred('ApiUnauthorizedResponse');
export type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Where the document keeps a class's schema, as @nestjs/swagger's getSchemaPath answers it for
 * a class no @ApiSchema renames (this file offers no @ApiSchema): under the class's name.
 */
export function getSchemaPath(model: string | (abstract new (...args: never[]) => unknown)): string {
  return `#/components/schemas/${typeof model === 'string' ? model : model.name}`;
}

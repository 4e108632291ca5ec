import type * as Swagger from '@nestjs/swagger';
import { ApiOkResponse, ApiProperty, ApiTags, applyOpenApiDecorators } from './openapi-decorators';

interface Call {
  readonly factory: string;
  readonly args: readonly unknown[];
  readonly target: unknown;
  readonly key: unknown;
  readonly hasDescriptor: boolean;
}

/** Stands in for @nestjs/swagger: each decorator factory notes what it was applied to. */
function fakeSwagger(calls: Call[]): typeof Swagger {
  const factory =
    (name: string) =>
    (...args: unknown[]) =>
    (target: unknown, key?: unknown, descriptor?: PropertyDescriptor) => {
      calls.push({ factory: name, args, target, key, hasDescriptor: descriptor !== undefined });
    };
  return { ApiProperty: factory('ApiProperty'), ApiOkResponse: factory('ApiOkResponse'), ApiTags: factory('ApiTags') } as unknown as typeof Swagger;
}

describe('OpenAPI decorators', () => {
  it('record at class definition, run at apply in the order TypeScript applied them, and at once afterwards', () => {
    @ApiTags('things')
    class ThingController {
      @ApiOkResponse({ description: 'the thing' })
      find(): string {
        return 'thing';
      }
    }
    class Thing {
      @ApiProperty({ example: 1 })
      first!: number;

      @ApiProperty({ example: 'two' })
      second!: string;
    }
    const calls: Call[] = [];
    expect(new ThingController().find()).toBe('thing');

    applyOpenApiDecorators(fakeSwagger(calls));

    expect(calls).toEqual([
      { factory: 'ApiOkResponse', args: [{ description: 'the thing' }], target: ThingController.prototype, key: 'find', hasDescriptor: true },
      { factory: 'ApiTags', args: ['things'], target: ThingController, key: undefined, hasDescriptor: false },
      { factory: 'ApiProperty', args: [{ example: 1 }], target: Thing.prototype, key: 'first', hasDescriptor: false },
      { factory: 'ApiProperty', args: [{ example: 'two' }], target: Thing.prototype, key: 'second', hasDescriptor: false },
    ]);

    class Later {
      @ApiProperty()
      third!: boolean;
    }
    expect(calls.at(-1)).toEqual({ factory: 'ApiProperty', args: [], target: Later.prototype, key: 'third', hasDescriptor: false });

    // A second apply (another app in the same process) runs nothing twice.
    const again: Call[] = [];
    applyOpenApiDecorators(fakeSwagger(again));
    expect(again).toEqual([]);
    expect(calls).toHaveLength(5);
  });
});

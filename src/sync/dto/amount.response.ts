import { ApiProperty, getSchemaPath } from '../../common/openapi/openapi-decorators';

/** Money as eBay writes it: the value a decimal string, never a float. */
export class AmountResponse {
  @ApiProperty({ example: '12.90', description: 'A decimal string, exactly as eBay sent it' })
  value!: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217' })
  currency!: string;

  /** The amount of two stored columns; null unless both were stored. */
  static of(value: string | null, currency: string | null): AmountResponse | null {
    return value === null || currency === null ? null : { value, currency };
  }
}

/**
 * An amount, or null. OpenAPI 3.0's `nullable` beside a `$ref` (in allOf) does not admit null,
 * so null is an alternative of its own (as src/health/dto/account-health.response.ts does);
 * a class using it names AmountResponse in @ApiExtraModels.
 */
export const AMOUNT_OR_NULL = {
  anyOf: [{ $ref: getSchemaPath(AmountResponse) }, { type: 'object', nullable: true, enum: [null] }],
};

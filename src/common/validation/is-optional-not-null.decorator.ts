import { ValidateIf } from 'class-validator';

/**
 * For body fields that may be left out but never sent as null. class-validator's IsOptional
 * skips null as well as undefined, and a `null` then reaches a NOT NULL column (500): this
 * skips validation only when the field is absent, so `null` meets the field's other rules.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

import { applyDecorators } from '@nestjs/common';
import { IsString, ValidateBy, type ValidationArguments } from 'class-validator';
import { isIsoInstant } from '../time/iso-instant';

/** The rule in words, for error messages and the OpenAPI document. */
export const ISO_INSTANT_RULE =
  'an ISO 8601 date-time with its offset, at most six fractional digits (2026-01-02T10:00:00Z, 2026-01-02T12:00:00.5+02:00)';

/** A query or body field that names one instant (src/common/time/iso-instant.ts). */
export function IsIsoInstant(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    ValidateBy({
      name: 'isIsoInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoInstant(value),
        defaultMessage: ({ property }: ValidationArguments) => `${property} must be ${ISO_INSTANT_RULE}`,
      },
    }),
  );
}

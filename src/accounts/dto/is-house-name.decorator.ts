import { applyDecorators } from '@nestjs/common';
import type { ApiPropertyOptions } from '../../common/openapi/openapi-decorators';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches, ValidateBy, type ValidationArguments } from 'class-validator';
import { HOUSE_NAME_MAX_LENGTH, HOUSE_NAME_PATTERN, scriptMixProblem } from '../house-name';

/** The house name rules in words, for the OpenAPI document. */
export const HOUSE_NAME_RULES =
  `1–${HOUSE_NAME_MAX_LENGTH} characters once trimmed: a letter or digit, then letters, digits, spaces and ` +
  `. _ - # & ( ) / '. The letters are of one script, or Latin with Han and Hiragana/Katakana, Bopomofo or ` +
  'Hangul. Unique among the organisation’s active accounts, ignoring case and compatibility forms (NFKC): ' +
  'WAREHOUSE-A and fullwidth Ｗａｒｅｈｏｕｓｅ-A are taken when Warehouse-A is.';

/** The OpenAPI schema of a house name field: what it is for, then the rules. */
export function houseNameSchema(purpose: string): ApiPropertyOptions {
  return {
    type: String,
    example: 'Warehouse-A',
    minLength: 1,
    maxLength: HOUSE_NAME_MAX_LENGTH,
    description: `${purpose}. ${HOUSE_NAME_RULES}`,
  };
}

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/**
 * Validates a house name (trimmed first): its length, its characters and its scripts. Whether
 * another account has it is for the service and the database to say.
 */
export function IsHouseName(): PropertyDecorator {
  return applyDecorators(
    Transform(trim),
    IsString(),
    Length(1, HOUSE_NAME_MAX_LENGTH),
    Matches(HOUSE_NAME_PATTERN, {
      message: ({ property }: ValidationArguments) =>
        `${property} starts with a letter or digit and holds only letters, digits, spaces and . _ - # & ( ) / '`,
    }),
    ValidateBy(
      {
        name: 'isHouseNameOfOneScript',
        validator: {
          validate: (value: unknown) => typeof value === 'string' && scriptMixProblem(value) === undefined,
          defaultMessage: ({ property, value }: ValidationArguments) =>
            `${property} ${scriptMixProblem(String(value)) ?? 'mixes scripts'}`,
        },
      },
    ),
  );
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../common/paging/page-query.dto';
import { ACCOUNT_PURPOSES, type AccountPurpose } from '../entities/ebay-account.entity';
import { MARKETPLACE_IDS } from '../marketplaces';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** House names are labels people read: letters, digits, spaces and a little punctuation. */
export const HOUSE_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._\-#&()/']*$/u;

export class ListAccountsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only: another organisation’s accounts' })
  @IsOptional()
  @IsUUID()
  orgId?: string;

  @ApiPropertyOptional({ description: 'Admins only: every organisation’s accounts' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  all?: boolean;
}

export class UpdateAccountRequest {
  @ApiPropertyOptional({ example: 'Warehouse-A', maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(HOUSE_NAME_PATTERN, { message: 'houseName may hold letters, digits, spaces and . _ - # & ( ) / \'' })
  houseName?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_PURPOSES })
  @IsOptional()
  @IsIn(ACCOUNT_PURPOSES)
  purpose?: AccountPurpose;

  @ApiPropertyOptional({ enum: MARKETPLACE_IDS, description: 'Also sets siteId unless siteId is sent' })
  @IsOptional()
  @IsIn(MARKETPLACE_IDS)
  marketplaceId?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 999 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(999)
  siteId?: number;
}

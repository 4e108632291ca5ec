import { ApiPropertyOptional } from '../../common/openapi/openapi-decorators';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { KeysetPageQuery } from '../../common/paging/page-query.dto';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null.decorator';
import { ACCOUNT_PURPOSES, type AccountPurpose } from '../entities/ebay-account.entity';
import { MARKETPLACE_IDS } from '../marketplaces';
import { houseNameSchema, IsHouseName } from './is-house-name.decorator';

export class ListAccountsQuery extends KeysetPageQuery {
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
  @ApiPropertyOptional(houseNameSchema('A new name for the account'))
  @IsOptionalNotNull()
  @IsHouseName()
  houseName?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_PURPOSES })
  @IsOptionalNotNull()
  @IsIn(ACCOUNT_PURPOSES)
  purpose?: AccountPurpose;

  @ApiPropertyOptional({ enum: MARKETPLACE_IDS, description: 'Also sets siteId unless siteId is sent' })
  @IsOptionalNotNull()
  @IsIn(MARKETPLACE_IDS)
  marketplaceId?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 999 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(999)
  siteId?: number;
}

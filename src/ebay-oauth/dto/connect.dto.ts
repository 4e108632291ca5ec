import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { HOUSE_NAME_PATTERN } from '../../accounts/dto/account-requests.dto';
import { ACCOUNT_PURPOSES, type AccountPurpose } from '../../accounts/entities/ebay-account.entity';
import { MARKETPLACE_IDS } from '../../accounts/marketplaces';

export class ConnectQuery {
  @ApiPropertyOptional({
    example: 'Warehouse-A',
    description: 'The account’s name in your organisation; default Account-<eBay username>',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(HOUSE_NAME_PATTERN, { message: 'houseName may hold letters, digits, spaces and . _ - # & ( ) / \'' })
  houseName?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_PURPOSES, description: 'Default BOTH' })
  @IsOptional()
  @IsIn(ACCOUNT_PURPOSES)
  purpose?: AccountPurpose;

  @ApiPropertyOptional({ enum: MARKETPLACE_IDS, description: 'Default: the eBay user’s registration marketplace' })
  @IsOptional()
  @IsIn(MARKETPLACE_IDS)
  marketplaceId?: string;

  @ApiPropertyOptional({ enum: ['login'], description: 'Make eBay ask the user to sign in again' })
  @IsOptional()
  @IsIn(['login'])
  prompt?: 'login';
}

export class ConnectResponse {
  @ApiProperty({ description: 'Send the user’s browser here: eBay’s consent page' })
  authorizationUrl!: string;

  @ApiProperty({ description: 'The single-use OAuth state of this connect (also inside the URL)' })
  state!: string;

  @ApiProperty({ format: 'date-time', description: 'The state is refused after this (10 minutes)' })
  expiresAt!: string;
}

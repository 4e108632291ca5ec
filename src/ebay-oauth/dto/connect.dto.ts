import { ApiProperty, ApiPropertyOptional } from '../../common/openapi/openapi-decorators';
import { IsIn, IsOptional } from 'class-validator';
import { ACCOUNT_PURPOSES, type AccountPurpose, houseNameSchema, IsHouseName, MARKETPLACE_IDS } from '../../accounts';

export class ConnectQuery {
  @ApiPropertyOptional(
    houseNameSchema(
      'The account’s name in your organisation (a new account’s default: Account-<eBay username>). Leave it ' +
        'out to reconnect an account: a reconnect without houseName keeps the account’s name',
    ),
  )
  @IsOptional()
  @IsHouseName()
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

/** POST /api/ebay/connect/browser: what GET /api/ebay/connect takes in its query, as a JSON body. */
export class BrowserConnectBody extends ConnectQuery {}

export class BrowserConnectResponse {
  @ApiProperty({
    example: '/api/ebay/connect/redirect?state=…',
    description:
      'Send this browser here (same origin, e.g. window.location.assign): the service checks the binding ' +
      'cookie and redirects on to eBay’s consent page',
  })
  redirectUrl!: string;

  @ApiProperty({ description: 'The single-use OAuth state of this connect' })
  state!: string;

  @ApiProperty({ format: 'date-time', description: 'The state is refused after this (10 minutes)' })
  expiresAt!: string;
}

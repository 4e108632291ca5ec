import { ApiProperty } from '../../common/openapi/openapi-decorators';
import { ACCOUNT_STATUSES, type AccountStatus, accountStatusOf } from '../account-status';
import type { AccountView } from '../accounts.service';
import { ACCOUNT_PURPOSES, type AccountPurpose } from '../entities/ebay-account.entity';
import { TokenSummaryResponse } from './token-summary.response';

/** A connected eBay account. */
export class AccountResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation (user) the account belongs to' })
  orgId!: string;

  @ApiProperty({ example: 'Warehouse-A', description: 'Unique among the organisation’s active accounts' })
  houseName!: string;

  @ApiProperty({ example: 'nY+sHZ2PrBmdj6wVnY', description: 'eBay’s immutable user id' })
  ebayUserId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'seller_one' })
  username!: string | null;

  @ApiProperty({ enum: ACCOUNT_PURPOSES })
  purpose!: AccountPurpose;

  @ApiProperty({ type: String, nullable: true, example: 'EBAY_US' })
  marketplaceId!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 0 })
  siteId!: number | null;

  @ApiProperty()
  isActive!: boolean;

  @ApiProperty({
    enum: ACCOUNT_STATUSES,
    description:
      'active; reauth_required (eBay refused the refresh token: reconnect); disconnected; deleted (eBay reported ' +
      'the eBay account deleted: its data is erased and it cannot be reconnected)',
  })
  status!: AccountStatus;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When eBay reported the eBay account deleted (Marketplace Account Deletion)',
  })
  deletedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  connectedAt!: string;

  @ApiProperty({ type: [String], description: 'The scopes the owner consented to' })
  scopes!: string[];

  @ApiProperty({ type: TokenSummaryResponse })
  token!: TokenSummaryResponse;

  static from({ account, token }: AccountView): AccountResponse {
    return {
      id: account.id,
      orgId: account.orgId,
      houseName: account.houseName,
      ebayUserId: account.ebayUserId,
      username: account.username,
      purpose: account.purpose,
      marketplaceId: account.marketplaceId,
      siteId: account.siteId,
      isActive: account.isActive,
      status: accountStatusOf({ account, token }),
      connectedAt: account.connectedAt.toISOString(),
      deletedAt: account.deletedAt?.toISOString() ?? null,
      scopes: [...(token?.scopes ?? [])],
      token: TokenSummaryResponse.from(token),
    };
  }
}

export class AccountsPage {
  @ApiProperty({ type: [AccountResponse] })
  items!: AccountResponse[];

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'How many accounts the filter matches in all; null on keyset pages (after=): they skip the count',
  })
  total!: number | null;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer', description: 'The offset asked for; 0 on keyset pages' })
  offset!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Pass as after= for the next page (opaque; offset pages answer it too, so a client may switch to ' +
      'the cursor after its first page); null on the last page',
  })
  nextCursor!: string | null;
}

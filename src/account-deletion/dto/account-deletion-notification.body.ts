import { ApiProperty, ApiPropertyOptional } from '../../common/openapi/openapi-decorators';

/** The body eBay POSTs, for the OpenAPI document only: it is read after its signature verifies, not validated before. */
class AccountDeletionMetadata {
  @ApiProperty({ example: 'MARKETPLACE_ACCOUNT_DELETION' })
  topic!: string;

  @ApiPropertyOptional({ example: '1.0' })
  schemaVersion?: string;

  @ApiPropertyOptional()
  deprecated?: boolean;
}

class AccountDeletionUser {
  @ApiProperty({ example: 'ma8vp1jySJC', description: 'eBay’s immutable user id, whose data is erased' })
  userId!: string;

  @ApiPropertyOptional({ example: 'test_user', description: 'Stored orders and transactions whose buyer has this name (or the userId) lose the buyer’s data' })
  username?: string;

  @ApiPropertyOptional()
  eiasToken?: string;
}

class AccountDeletionPayload {
  @ApiProperty({ example: '49fe1a2b-0000-4000-8000-000000000001' })
  notificationId!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  eventDate?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  publishDate?: string;

  @ApiPropertyOptional()
  publishAttemptCount?: number;

  @ApiProperty({ type: AccountDeletionUser })
  data!: AccountDeletionUser;
}

export class AccountDeletionNotificationBody {
  @ApiProperty({ type: AccountDeletionMetadata })
  metadata!: AccountDeletionMetadata;

  @ApiProperty({ type: AccountDeletionPayload })
  notification!: AccountDeletionPayload;
}

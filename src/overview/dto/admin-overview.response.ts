import { ApiProperty, ApiPropertyOptional } from '../../common/openapi/openapi-decorators';

export class AccountCounts {
  @ApiProperty({ description: 'Connected, tokens refreshing' })
  active!: number;

  @ApiProperty({ description: 'Connected, but eBay refused the refresh token: reconnect' })
  reauthRequired!: number;

  @ApiProperty()
  disconnected!: number;

  @ApiProperty({ description: 'eBay reported the eBay account deleted (Marketplace Account Deletion)' })
  deleted!: number;
}

export class TokenCounts {
  @ApiProperty({ description: 'Active tokens that expire within refreshHorizonSeconds' })
  expiringWithinHorizon!: number;

  @ApiProperty()
  refreshHorizonSeconds!: number;

  @ApiProperty({ description: 'Active tokens due for a background refresh now (the backlog)' })
  dueNow!: number;

  @ApiProperty({ description: 'Tokens whose last refresh failed within the last 24 hours' })
  failingLast24h!: number;
}

export class RefresherRunView {
  @ApiProperty({ description: 'Host (pod) and process id of the replica that ran it' })
  replica!: string;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty()
  claimed!: number;

  @ApiProperty()
  refreshed!: number;

  @ApiProperty()
  failed!: number;

  @ApiProperty({ description: 'Claimed, then given back by a stopping replica' })
  returned!: number;

  @ApiProperty({ type: String, nullable: true, enum: ['claim_failed', 'quota'] })
  stoppedBy!: string | null;
}

export class RunTotals {
  @ApiProperty()
  runs!: number;

  @ApiProperty()
  claimed!: number;

  @ApiProperty()
  refreshed!: number;

  @ApiProperty()
  failed!: number;
}

export class RefresherView {
  @ApiProperty({ description: 'A replica finished a run within three schedule periods, or one is running' })
  working!: boolean;

  @ApiProperty({ description: 'A run started recently and has not finished yet' })
  running!: boolean;

  @ApiPropertyOptional({ type: RefresherRunView, description: 'The run that finished last, on any replica; absent before the first' })
  lastRun?: RefresherRunView;

  @ApiProperty({ type: RunTotals, description: 'Background runs that finished in the last 24 hours' })
  last24h!: RunTotals;
}

export class QuotaView {
  @ApiProperty({ example: '2026-12-01', description: 'eBay’s quota day (midnight America/Los_Angeles)' })
  day!: string;

  @ApiProperty({ description: 'refresh_token grants made today by every replica' })
  refreshGrants!: number;

  @ApiProperty()
  refreshGrantLimit!: number;

  @ApiProperty({ description: 'authorization_code grants (connects) made today' })
  authorizationCodeGrants!: number;

  @ApiProperty({ description: 'From 80 % of the limit' })
  warning!: boolean;

  @ApiProperty({ description: 'At the limit: background refreshes wait for the next quota day' })
  usedUp!: boolean;
}

export class UnhealthyAccount {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'reauth_required', description: 'What its check found' })
  errorCode!: string | null;
}

export class HealthRoundView {
  @ApiProperty({ format: 'date-time' })
  scheduledAt!: string;

  @ApiProperty({ format: 'date-time' })
  finishedAt!: string;

  @ApiProperty({ description: 'Accounts checked in the round' })
  checked!: number;

  @ApiProperty()
  unhealthy!: number;

  @ApiProperty({ type: [UnhealthyAccount], description: 'The first 50 unhealthy accounts, by id' })
  unhealthyAccounts!: UnhealthyAccount[];
}

/** The fleet on one page: what an administrator looks at first. */
export class AdminOverviewResponse {
  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;

  @ApiProperty({ type: AccountCounts })
  accounts!: AccountCounts;

  @ApiProperty({ type: TokenCounts })
  tokens!: TokenCounts;

  @ApiProperty({ type: RefresherView })
  refresher!: RefresherView;

  @ApiProperty({ type: QuotaView })
  quota!: QuotaView;

  @ApiPropertyOptional({ type: HealthRoundView, description: 'The last finished round of periodic health checks; absent before the first' })
  lastHealthRound?: HealthRoundView;
}

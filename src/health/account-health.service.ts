import { Injectable } from '@nestjs/common';
import { type AccountStatus, accountStatusOf, type AccountView, AccountsService } from '../accounts';
import type { AuthUser } from '../auth';
import type { KeysetPage, PageRequest } from '../common/paging/page-query.dto';
import { Clock } from '../common/time/clock';
import { AccountHealthChecker, type HealthCheckResult, notConnected } from './account-health-checker';
import type { EbayHealthEvent } from './entities/ebay-health-event.entity';
import { HealthEventRepository } from './health-event.repository';
import { HealthRecorder } from './health-recorder';

/** An account's health as the API shows it. */
export interface AccountHealth {
  readonly accountId: string;
  readonly status: AccountStatus;
  readonly tokenExpiresAt: Date | null;
  /** Seconds the access token has left; 0 once expired, null without a token. */
  readonly expiresInSeconds: number | null;
  readonly lastRefreshedAt: Date | null;
  readonly refreshError: string | null;
  readonly refreshTokenExpiresAt: Date | null;
  readonly reconnectSoon: boolean;
  /** The latest recorded check (the live one, when one just ran and was recorded). */
  readonly lastCheck: EbayHealthEvent | null;
  /** Only when a live check was asked for. */
  readonly live?: HealthCheckResult;
}

/**
 * Per-account health for the API: the token's state, the last recorded check and, on request,
 * a live check against eBay. Ownership is the accounts module's: another organisation's
 * account is not found, administrators see every account.
 */
@Injectable()
export class AccountHealthService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly checker: AccountHealthChecker,
    private readonly history: HealthEventRepository,
    private readonly recorder: HealthRecorder,
    private readonly clock: Clock,
  ) {}

  /**
   * The account's health; with `live`, checked at eBay first and recorded. An account that
   * needs a reconnect answers unhealthy with the reason, not an error.
   */
  async health(user: AuthUser, accountId: string, options: { live: boolean }): Promise<AccountHealth> {
    let view = await this.accounts.get(user, accountId);
    let live: HealthCheckResult | undefined;
    if (options.live) {
      live = await this.checkLive(view);
      // The check may have refreshed the token, or found it refused: show the tokens as they are now.
      view = await this.accounts.get(user, accountId);
    }
    return this.healthOf(view, await this.history.latest(accountId), live);
  }

  /** A page of the account's recorded checks, newest first. */
  async events(user: AuthUser, accountId: string, request: PageRequest): Promise<KeysetPage<EbayHealthEvent>> {
    await this.accounts.get(user, accountId);
    return this.history.page(accountId, request);
  }

  /**
   * Disconnected and deleted accounts have no grant to check: they answer unhealthy with the
   * reason, eBay is not called and nothing is recorded. Every other check is recorded,
   * a reconnect-needed one included.
   */
  private async checkLive(view: AccountView): Promise<HealthCheckResult> {
    const status = accountStatusOf(view);
    const outcome =
      status === 'deleted'
        ? notConnected('ebay_account_deleted', 'eBay reported this eBay account deleted', this.clock.now())
        : status === 'disconnected'
          ? notConnected('not_connected', 'This eBay account is not connected; connect it again', this.clock.now())
          : await this.checker.check(view.account.id);
    if (outcome.kind === 'checked') await this.recorder.recordLive(view.account.id, outcome.result);
    return outcome.result;
  }

  private healthOf(view: AccountView, lastCheck: EbayHealthEvent | null, live: HealthCheckResult | undefined): AccountHealth {
    const token = view.token;
    const expiresAt = token?.hasTokens === true ? token.expiresAt : null;
    return {
      accountId: view.account.id,
      status: accountStatusOf(view),
      tokenExpiresAt: expiresAt,
      expiresInSeconds:
        expiresAt === null ? null : Math.max(0, Math.floor((expiresAt.getTime() - this.clock.now().getTime()) / 1000)),
      lastRefreshedAt: token?.lastRefreshedAt ?? null,
      refreshError: token?.refreshError ?? null,
      refreshTokenExpiresAt: token?.hasTokens === true ? token.refreshTokenExpiresAt : null,
      reconnectSoon: token?.reconnectSoon ?? false,
      lastCheck,
      ...(live === undefined ? {} : { live }),
    };
  }
}

import type { TokenSummary } from '../tokens';
import type { EbayAccount } from './entities/ebay-account.entity';

export const ACCOUNT_STATUSES = ['active', 'reauth_required', 'disconnected', 'deleted'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** What the API calls the account's state, from the account and its tokens. */
export function accountStatusOf({
  account,
  token,
}: {
  readonly account: Pick<EbayAccount, 'deletedAt' | 'isActive'>;
  readonly token: Pick<TokenSummary, 'status'> | undefined;
}): AccountStatus {
  if (account.deletedAt !== null) return 'deleted';
  if (!account.isActive) return 'disconnected';
  return token?.status === 'reauth_required' ? 'reauth_required' : 'active';
}

import type { AccountStatus } from '../api/types';

export const STATUS_WORDS: Record<AccountStatus, string> = {
  active: 'Active',
  reauth_required: 'Reauth required',
  disconnected: 'Disconnected',
  deleted: 'Deleted',
};

/** Colour for a glance, words for everyone (colour alone says nothing to a screen reader). */
export function StatusBadge({ status }: { readonly status: AccountStatus }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      <span className="badge-dot" aria-hidden="true" />
      {STATUS_WORDS[status]}
    </span>
  );
}

/**
 * What the console's callback page says for each reason the service sends it back with
 * (`/connect/callback?status=error&reason=…`): the codes of src/ebay-oauth and of the accounts'
 * connect, in words a person can act on.
 */
const EXPIRED_OR_USED = 'This connect link expired or was already used — start again.';

const MESSAGES: Readonly<Record<string, string>> = {
  declined: 'You declined on eBay, so no account was connected.',
  state_expired: EXPIRED_OR_USED,
  state_used: EXPIRED_OR_USED,
  state_unknown: EXPIRED_OR_USED,
  state_missing: EXPIRED_OR_USED,
  browser_mismatch:
    'This connect was started in another browser. Start it again here, in the browser you consent in. ' +
    'If it was this one, open the console at the address the service printed (localhost, not 127.0.0.1) and start again.',
  state_other_user: 'This connect was started by another user of the console. Sign in as yourself and start again.',
  user_inactive: 'The user who started this connect has been deactivated.',
  house_name_taken: 'Another active account already has that house name. Start again with another name.',
  connect_in_progress: 'This eBay account is being connected at this very moment. Wait a moment, then look at the dashboard.',
  ebay_account_deleted: 'eBay reported this eBay account deleted, so it cannot be connected again.',
  code_missing: 'eBay sent the browser back without an authorization code. Start again.',
};

export function describeConnectFailure(reason: string | null): string {
  if (reason !== null && reason in MESSAGES) return MESSAGES[reason];
  return `The connect did not complete: eBay or the service failed (code ${reason ?? 'unknown'}). Start again; if it keeps failing, tell whoever runs the service.`;
}

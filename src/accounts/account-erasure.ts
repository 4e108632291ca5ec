import { houseNameKey } from './house-name';

/** What an erased account keeps of its house name; the rest of its label is gone with the user. */
const ERASED_NAME_PREFIX = 'Deleted-';

/**
 * The house name an account keeps once its eBay user's data is erased. The name is the
 * organisation's own label and tells it which of its accounts went away, so it stays, unless
 * it holds the eBay username (the default `Account-<username>` does), compared the way house
 * names are: then it becomes `Deleted-` and the start of the account's id.
 */
export function erasedHouseName(account: { readonly id: string; readonly houseName: string; readonly username: string | null }): string {
  const { username } = account;
  const holdsUsername = username !== null && username !== '' && houseNameKey(account.houseName).includes(houseNameKey(username));
  return holdsUsername ? `${ERASED_NAME_PREFIX}${account.id.slice(0, 8)}` : account.houseName;
}

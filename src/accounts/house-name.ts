import { scriptsOf } from './unicode-scripts';

/**
 * What a house name may be. A house name is how an organisation tells its eBay accounts
 * apart, so two active accounts may not have names a person could take for each other.
 */
export const HOUSE_NAME_MAX_LENGTH = 100;

/** House names are labels people read: letters, digits, spaces and a little punctuation. */
export const HOUSE_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._\-#&()/']*$/u;

/**
 * The form names are compared in. NFKC folds compatibility forms (fullwidth `Ｗ` is `W`, the
 * ligature `ﬁ` is `fi`), toLowerCase folds case the same in every locale, and NFKC again
 * because lowercasing can leave a string that is no longer normalised, so that the key of
 * a key is the key itself.
 */
export function houseNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().normalize('NFKC');
}

/**
 * The script mixes of Unicode UTS #39's "highly restrictive" level besides a single script:
 * the ways Japanese, Chinese and Korean are written next to Latin.
 */
const ALLOWED_SCRIPT_MIXES: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

/**
 * Why a name's letters are refused (`mixes Latin and Cyrillic letters`), or undefined when
 * they are of one script or of an allowed mix. Mixing scripts is how look-alikes are made:
 * Cyrillic `а` beside Latin letters reads as Latin `a`. Digits, spaces and punctuation
 * belong to every script (Common) and do not count.
 */
export function scriptMixProblem(name: string): string | undefined {
  const scripts = scriptsOf(name);
  if (scripts.length <= 1) return undefined;
  if (ALLOWED_SCRIPT_MIXES.some((mix) => scripts.every((script) => mix.includes(script)))) return undefined;
  return `mixes ${inWords(scripts)} letters`;
}

function inWords(items: readonly string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

import type { AccountPurpose, MarketplaceId } from './types';

/** Every value at least once, and nothing the API does not accept: `satisfies` and the check below. */
export const PURPOSES = ['BOTH', 'SELLING', 'BUYING'] as const satisfies readonly AccountPurpose[];

export const PURPOSE_LABELS: Record<AccountPurpose, string> = {
  BOTH: 'Selling and buying',
  SELLING: 'Selling',
  BUYING: 'Buying',
};

export const MARKETPLACES = [
  'EBAY_US',
  'EBAY_CA',
  'EBAY_GB',
  'EBAY_AU',
  'EBAY_AT',
  'EBAY_BE',
  'EBAY_FR',
  'EBAY_DE',
  'EBAY_MOTORS_US',
  'EBAY_IT',
  'EBAY_NL',
  'EBAY_ES',
  'EBAY_CH',
  'EBAY_HK',
  'EBAY_IE',
  'EBAY_MY',
  'EBAY_PH',
  'EBAY_PL',
  'EBAY_SG',
] as const satisfies readonly MarketplaceId[];

// A marketplace the API gains fails the compile here until the list above has it.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const everyMarketplaceListed: Missing<MarketplaceId, (typeof MARKETPLACES)[number]> = true;
const everyPurposeListed: Missing<AccountPurpose, (typeof PURPOSES)[number]> = true;
void everyMarketplaceListed;
void everyPurposeListed;

/** eBay marketplaces and the legacy site ids the Trading API still speaks. */
export const MARKETPLACE_SITE_IDS: Readonly<Record<string, number>> = {
  EBAY_US: 0,
  EBAY_CA: 2,
  EBAY_GB: 3,
  EBAY_AU: 15,
  EBAY_AT: 16,
  EBAY_BE: 23,
  EBAY_FR: 71,
  EBAY_DE: 77,
  EBAY_MOTORS_US: 100,
  EBAY_IT: 101,
  EBAY_NL: 146,
  EBAY_ES: 186,
  EBAY_CH: 193,
  EBAY_HK: 201,
  EBAY_IE: 205,
  EBAY_MY: 207,
  EBAY_PH: 211,
  EBAY_PL: 212,
  EBAY_SG: 216,
};

export const MARKETPLACE_IDS = Object.keys(MARKETPLACE_SITE_IDS);

export function siteIdOf(marketplaceId: string | null | undefined): number | null {
  return marketplaceId === null || marketplaceId === undefined ? null : (MARKETPLACE_SITE_IDS[marketplaceId] ?? null);
}

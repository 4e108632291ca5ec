import type { EbayIds } from './ebay-ids';
import type { EbayOrder, EbayTransaction, OrderFulfillmentStatus, TransactionStatus } from './ebay-wire.types';
import type { EmulatorUserSeed } from './emulator-options';
import {
  buildOrder,
  currencyOf,
  type LineItemPlan,
  refundTransaction,
  saleTransaction,
  storeFeeTransaction,
} from './record-factory';
import { SeededRandom } from './seeded-random';

/**
 * The sellers every emulator starts with, and their history: orders spread over the last
 * 120 days before the emulator's "now", each with its SALE transaction, a refund here and
 * there, and a monthly store fee for business sellers. The same seller and the same "now"
 * always give the same history.
 */
export const DEFAULT_TEST_USERS: readonly EmulatorUserSeed[] = Object.freeze([
  // Enough orders that the default 90-day window needs two pages at limit=200.
  { username: 'seller_one', accountType: 'BUSINESS', registrationMarketplaceId: 'EBAY_US', orderCount: 320 },
  { username: 'seller_two', accountType: 'INDIVIDUAL', registrationMarketplaceId: 'EBAY_GB', orderCount: 45 },
  { username: 'seller_three', accountType: 'BUSINESS', registrationMarketplaceId: 'EBAY_DE', orderCount: 90 },
  // A seller with nothing to sync.
  { username: 'seller_quiet', accountType: 'INDIVIDUAL', registrationMarketplaceId: 'EBAY_AU', orderCount: 0 },
]);

export const HISTORY_DAYS = 120;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const STORE_FEE_CENTS = 2795;

const CATALOG: readonly { title: string; sku: string; priceCents: number }[] = [
  { title: 'Vintage Polaroid SX-70 Land Camera, tested', sku: 'CAM-SX70', priceCents: 18_900 },
  { title: 'LEGO Technic 42115 Lamborghini Sián, sealed', sku: 'LEGO-42115', priceCents: 37_999 },
  { title: 'Apple AirPods Pro (2nd generation), refurbished', sku: 'APL-APP2-R', priceCents: 15_450 },
  { title: 'Le Creuset 26 cm cast iron casserole, volcanic', sku: 'LC-CAS26', priceCents: 21_500 },
  { title: 'Nintendo Game Boy Color, teal, with Pokémon Gold', sku: 'NIN-GBC-T', priceCents: 11_999 },
  { title: 'Levi’s 501 Original jeans W32 L34', sku: 'LEV-501-3234', priceCents: 4_999 },
  { title: 'Moleskine Classic notebook, large, ruled, black', sku: 'MOL-CL-L', priceCents: 1_899 },
  { title: 'Bosch GSR 12V-15 cordless drill, 2 batteries', sku: 'BOS-GSR12', priceCents: 9_950 },
  { title: 'Penguin Classics box set, 10 volumes', sku: 'PEN-CL10', priceCents: 6_400 },
  { title: 'Garmin Forerunner 255 GPS running watch', sku: 'GAR-FR255', priceCents: 24_999 },
  { title: 'USB-C to USB-C cable 2 m, braided, 100 W', sku: 'CBL-CC2M', priceCents: 1_299 },
  { title: 'Yeti Rambler 20 oz tumbler, navy', sku: 'YET-R20-N', priceCents: 3_500 },
  { title: 'Fujifilm Instax Mini film, twin pack', sku: 'FUJ-INX-2', priceCents: 1_549 },
  { title: 'Hario V60 ceramic coffee dripper, size 02', sku: 'HAR-V60-02', priceCents: 2_650 },
  { title: 'Pokémon TCG Scarlet & Violet booster box', sku: 'PKM-SV-BB', priceCents: 14_200 },
  { title: 'Sony WH-1000XM4 headphones, open box', sku: 'SON-XM4-OB', priceCents: 19_800 },
];

const BUYER_FIRST = ['alex', 'sam', 'jo', 'maria', 'kenji', 'lena', 'omar', 'priya', 'tom', 'zoe', 'luca', 'ines'];
const BUYER_LAST = ['finds', 'trader', 'collects', 'store', 'deals', 'home', 'retro', 'picks', 'hunter', 'shop'];

export interface SellerHistory {
  /** Newest first. */
  readonly orders: EbayOrder[];
  /** Newest first. */
  readonly transactions: EbayTransaction[];
}

export function generateSellerHistory(seller: EmulatorUserSeed, nowMs: number, ids: EbayIds): SellerHistory {
  const random = SeededRandom.fromString(seller.username);
  const currency = currencyOf(seller.registrationMarketplaceId ?? 'EBAY_US');
  const orders: EbayOrder[] = [];
  const transactions: EbayTransaction[] = [];
  const orderCount = seller.orderCount ?? 0;
  for (let index = 0; index < orderCount; index++) {
    const ageMs = random.integer(0, HISTORY_DAYS * DAY_MS - 1);
    const creationMs = nowMs - ageMs;
    const fulfillmentStatus = fulfillmentStatusFor(ageMs, random);
    const isRefunded = ageMs > 3 * DAY_MS && random.chance(0.03);
    const settledMs = creationMs + random.integer(6 * HOUR_MS, 4 * DAY_MS);
    const refundedMs = creationMs + random.integer(2 * DAY_MS, 10 * DAY_MS);
    const lastModifiedMs = Math.min(
      nowMs,
      isRefunded ? refundedMs : fulfillmentStatus === 'FULFILLED' ? settledMs : creationMs + random.integer(0, HOUR_MS),
    );
    const order = buildOrder(
      {
        orderId: ids.orderId(),
        creationMs,
        lastModifiedMs,
        buyerUsername: `${random.pick(BUYER_FIRST)}_${random.pick(BUYER_LAST)}${random.integer(1, 999)}`,
        currency,
        items: lineItemsFor(random),
        deliveryCents: random.chance(0.4) ? 0 : random.integer(399, 1299),
        fulfillmentStatus,
        paymentStatus: isRefunded ? 'FULLY_REFUNDED' : 'PAID',
        salesRecordReference: String(10_000 + index),
      },
      ids,
    );
    orders.push(order);
    const paidMs = creationMs + random.integer(MINUTE_MS, 20 * MINUTE_MS);
    transactions.push(saleTransaction(order, Math.min(nowMs, paidMs), saleStatusFor(nowMs - paidMs), ids));
    if (isRefunded) transactions.push(refundTransaction(order, lastModifiedMs, ids));
  }
  if (seller.accountType === 'BUSINESS' && orderCount > 0) {
    for (const chargedMs of monthStartsWithin(nowMs - HISTORY_DAYS * DAY_MS, nowMs)) {
      transactions.push(storeFeeTransaction(chargedMs, STORE_FEE_CENTS, currency, ids));
    }
  }
  return {
    orders: orders.sort(newestOrderFirst),
    transactions: transactions.sort(newestTransactionFirst),
  };
}

/** getOrders' order: newest creation first, order id breaking ties so paging is stable. */
export function newestOrderFirst(left: EbayOrder, right: EbayOrder): number {
  return compareText(right.creationDate, left.creationDate) || compareText(left.orderId, right.orderId);
}

export function newestTransactionFirst(left: EbayTransaction, right: EbayTransaction): number {
  return (
    compareText(right.transactionDate, left.transactionDate) || compareText(left.transactionId, right.transactionId)
  );
}

/** Code-point order: ISO timestamps of one format sort chronologically, independent of locale. */
function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function fulfillmentStatusFor(ageMs: number, random: SeededRandom): OrderFulfillmentStatus {
  if (ageMs < DAY_MS) return random.chance(0.7) ? 'NOT_STARTED' : 'IN_PROGRESS';
  if (ageMs < 4 * DAY_MS) return random.pick<OrderFulfillmentStatus>(['NOT_STARTED', 'IN_PROGRESS', 'FULFILLED']);
  return 'FULFILLED';
}

function saleStatusFor(sinceSaleMs: number): TransactionStatus {
  if (sinceSaleMs < DAY_MS) return 'FUNDS_PROCESSING';
  if (sinceSaleMs < 3 * DAY_MS) return 'FUNDS_AVAILABLE_FOR_PAYOUT';
  return 'PAYOUT';
}

function lineItemsFor(random: SeededRandom): LineItemPlan[] {
  const count = random.chance(0.8) ? 1 : random.chance(0.75) ? 2 : 3;
  // Distinct products: eBay puts a second unit of the same listing in `quantity`, not a new line.
  const products = new Set<(typeof CATALOG)[number]>();
  while (products.size < count) products.add(random.pick(CATALOG));
  return [...products].map((product) => ({
    title: product.title,
    sku: product.sku,
    quantity: random.chance(0.85) ? 1 : 2,
    unitPriceCents: product.priceCents,
  }));
}

/** Midnight UTC of each 1st of the month in [fromMs, toMs]. */
function monthStartsWithin(fromMs: number, toMs: number): number[] {
  const starts: number[] = [];
  const from = new Date(fromMs);
  let month = Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1);
  while (month <= toMs) {
    starts.push(month);
    const date = new Date(month);
    month = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  return starts;
}

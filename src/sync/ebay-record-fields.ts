import { EbayMalformedResponseError } from '../ebay';
import { EBAY_RECORD_ID } from './ebay-record-vocabulary';

/**
 * Reads the fields the sync keeps as columns out of eBay's JSON. A record without its id or
 * dates cannot be stored, so the page fails as eBay's malformed answer (the run stops with
 * nothing of that page written); optional fields that are odd are kept only in `raw`.
 */
export class EbayRecordFields {
  private readonly fields: Readonly<Record<string, unknown>>;

  private constructor(
    value: unknown,
    private readonly action: string,
  ) {
    if (!isObject(value)) throw new EbayMalformedResponseError(action);
    this.fields = value;
  }

  static of(value: unknown, action: string): EbayRecordFields {
    return new EbayRecordFields(value, action);
  }

  get raw(): Record<string, unknown> {
    return { ...this.fields };
  }

  /**
   * An eBay record id, as the read API's detail routes accept it (EBAY_RECORD_ID): an id of
   * another form is taken for an answer the service cannot read, never stored unreachable.
   */
  recordId(name: string): string {
    const value = this.fields[name];
    if (typeof value !== 'string' || !EBAY_RECORD_ID.test(value)) throw new EbayMalformedResponseError(this.action);
    return value;
  }

  /** A non-empty string of at most `maxLength` characters (a status). */
  id(name: string, maxLength = 100): string {
    const value = this.fields[name];
    if (typeof value !== 'string' || value === '' || value.length > maxLength) throw new EbayMalformedResponseError(this.action);
    return value;
  }

  date(name: string): string {
    const value = this.fields[name];
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new EbayMalformedResponseError(this.action);
    return new Date(value).toISOString();
  }

  /** A short string, or null when absent or not one. */
  text(name: string, maxLength = 100): string | null {
    const value = this.fields[name];
    return typeof value === 'string' && value.length <= maxLength ? value : null;
  }

  /** eBay's {value, currency}, when the value is a decimal number (numeric refuses anything else). */
  amount(name: string): { readonly value: string | null; readonly currency: string | null } {
    const amount = this.fields[name];
    if (!isObject(amount)) return { value: null, currency: null };
    const { value, currency } = amount;
    return {
      value: typeof value === 'string' && /^-?\d{1,15}(\.\d{1,6})?$/.test(value) ? value : null,
      currency: typeof currency === 'string' && currency.length <= 10 ? currency : null,
    };
  }

  /** `buyer.username`, when there is one. */
  buyerUsername(): string | null {
    const buyer = this.fields.buyer;
    return isObject(buyer) && typeof buyer.username === 'string' && buyer.username.length <= 200 ? buyer.username : null;
  }

  /** A nested object, for fields like pricingSummary.total. */
  object(name: string): EbayRecordFields | undefined {
    const value = this.fields[name];
    return isObject(value) ? new EbayRecordFields(value, this.action) : undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

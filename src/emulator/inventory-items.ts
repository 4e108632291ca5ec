/** An inventory item as createOrReplaceInventoryItem stored it: the body as sent, and its locale. */
export interface StoredInventoryItem {
  readonly sku: string;
  /** eBay's form of the Content-Language it was written with: `en_US`. */
  readonly locale: string;
  /** The JSON body, `sku` and `locale` left out (eBay sets those). */
  readonly item: Readonly<Record<string, unknown>>;
}

/** Each seller's inventory items by SKU, keyed by eBay user id (usernames can change). */
export class InventoryItems {
  private readonly bySeller = new Map<string, Map<string, StoredInventoryItem>>();

  /** `changed` hears of every write and deletion; reads never call it. */
  constructor(private readonly changed: () => void) {}

  /** Creates the item or replaces the one with its SKU. */
  put(userId: string, stored: StoredInventoryItem): void {
    let items = this.bySeller.get(userId);
    if (items === undefined) {
      items = new Map();
      this.bySeller.set(userId, items);
    }
    items.set(stored.sku, stored);
    this.changed();
  }

  find(userId: string, sku: string): StoredInventoryItem | undefined {
    return this.bySeller.get(userId)?.get(sku);
  }

  /** False when the seller has no item of that SKU. */
  delete(userId: string, sku: string): boolean {
    const isDeleted = this.bySeller.get(userId)?.delete(sku) ?? false;
    if (isDeleted) this.changed();
    return isDeleted;
  }

  /** One seller's items, in the order they were first written. */
  list(userId: string): StoredInventoryItem[] {
    return [...(this.bySeller.get(userId)?.values() ?? [])];
  }

  /** Drops a seller's items (a state file restore, a reset). */
  clear(): void {
    this.bySeller.clear();
    this.changed();
  }
}

/** getInventoryItem's body: the item as written, with its SKU and locale. */
export type InventoryItemView = Record<string, unknown> & { sku: string; locale: string };

export function inventoryItemBody(stored: StoredInventoryItem): InventoryItemView {
  return { ...stored.item, sku: stored.sku, locale: stored.locale };
}

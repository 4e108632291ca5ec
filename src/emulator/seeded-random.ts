/**
 * A small deterministic PRNG (mulberry32). Seed data must come out the same on every run and
 * machine, so a failing test can be replayed; Math.random cannot be seeded.
 */
export class SeededRandom {
  private state: number;

  /** A seed, or a `position` read earlier: the sequence then continues where it stood. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Where the sequence stands; the state file keeps it so ids drawn after a restart are new. */
  get position(): number {
    return this.state;
  }

  /** Seeds from a string (FNV-1a), so each seller gets its own stable sequence. */
  static fromString(text: string): SeededRandom {
    let hash = 0x811c9dc5;
    for (let index = 0; index < text.length; index++) {
      hash ^= text.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193);
    }
    return new SeededRandom(hash);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = this.state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both inclusive. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** A string of decimal digits of exactly this length (leading zeros allowed). */
  digits(length: number): string {
    let text = '';
    for (let index = 0; index < length; index++) text += String(this.integer(0, 9));
    return text;
  }
}

import { controlErrors } from './control-errors';

const MONEY = /^\d{1,9}(\.\d{1,2})?$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Typed reads from a control API body, each failing with a 400 that names the field. Unknown
 * keys are refused: a test that sends `{"cout": 2}` should hear about its typo, not watch the
 * default apply.
 */
export class JsonFields {
  private constructor(
    private readonly fields: Readonly<Record<string, unknown>>,
    private readonly what: string,
  ) {}

  static of(value: unknown, what: string, allowedKeys: readonly string[]): JsonFields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw controlErrors.invalid(`${what} must be a JSON object`);
    }
    const fields = value as Record<string, unknown>;
    const unknown = Object.keys(fields).filter((key) => !allowedKeys.includes(key));
    if (unknown.length > 0) {
      throw controlErrors.invalid(
        `${what} has unknown field(s) ${unknown.join(', ')}; allowed: ${allowedKeys.join(', ')}`,
      );
    }
    return new JsonFields(fields, what);
  }

  has(key: string): boolean {
    return this.fields[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.fields[key];
  }

  string(key: string): string | undefined {
    const value = this.fields[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') throw this.invalid(key, 'a non-empty string');
    return value;
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === undefined) throw this.invalid(key, 'a non-empty string');
    return value;
  }

  integer(key: string, min: number, max: number): number | undefined {
    const value = this.fields[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw this.invalid(key, `an integer from ${min} to ${max}`);
    }
    return value;
  }

  number(key: string, min: number, max: number): number | undefined {
    const value = this.fields[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw this.invalid(key, `a number from ${min} to ${max}`);
    }
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.fields[key];
    if (value === undefined) return undefined;
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) throw this.invalid(key, `one of ${allowed.join(', ')}`);
    return match;
  }

  /** ISO 8601 in UTC, as eBay writes its dates. */
  timestamp(key: string): string | undefined {
    const value = this.string(key);
    if (value !== undefined && (!ISO_TIMESTAMP.test(value) || Number.isNaN(Date.parse(value)))) {
      throw this.invalid(key, 'an ISO 8601 UTC timestamp such as 2026-01-02T10:00:00.000Z');
    }
    return value;
  }

  /** An amount as eBay writes it: "12.99". */
  money(key: string): string | undefined {
    const value = this.string(key);
    if (value !== undefined && !MONEY.test(value)) throw this.invalid(key, 'an amount such as "12.99"');
    return value;
  }

  array(key: string): unknown[] | undefined {
    const value = this.fields[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw this.invalid(key, 'an array');
    return value as unknown[];
  }

  invalid(key: string, expectation: string): Error {
    return controlErrors.invalid(`${this.what}.${key} must be ${expectation}`);
  }
}

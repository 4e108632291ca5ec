import { countableEmail } from './countable-email';

describe('countableEmail', () => {
  it('answers the email as the DTOs store it: trimmed and lower-cased', () => {
    expect(countableEmail({ email: '  Ops@Example.COM ', password: 'x' })).toBe('ops@example.com');
  });

  it('takes an email of exactly 254 characters after trimming, and nothing longer', () => {
    const emailOf = (length: number): string =>
      `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(length - 197)}.com`;
    expect(emailOf(254)).toHaveLength(254);
    expect(countableEmail({ email: `   ${emailOf(254)}   ` })).toBe(emailOf(254));
    expect(countableEmail({ email: emailOf(255) })).toBeUndefined();
    expect(countableEmail({ email: `${'x'.repeat(100_000)}@example.com` })).toBeUndefined();
  });

  it('answers nothing for what is not an email: other types, no body, not email-shaped', () => {
    expect(countableEmail({ email: 42 })).toBeUndefined();
    expect(countableEmail({ email: ['ops@example.com'] })).toBeUndefined();
    expect(countableEmail({})).toBeUndefined();
    expect(countableEmail(undefined)).toBeUndefined();
    expect(countableEmail({ email: 'not-an-email' })).toBeUndefined();
  });
});

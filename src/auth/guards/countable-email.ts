import { isEmail } from 'class-validator';
import { MAX_EMAIL_LENGTH, normaliseEmail } from '../dto/credentials.dto';

/**
 * The email of a credentials body, normalised as the DTOs do, when it may be counted: a string
 * of at most 254 characters that looks like an email. Anything else (a number, 100 kB of
 * text) is never a key; the request is counted per address only and the DTO refuses it.
 */
export function countableEmail(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const email = normaliseEmail((body as { email?: unknown }).email);
  if (typeof email !== 'string' || email.length > MAX_EMAIL_LENGTH || !isEmail(email)) return undefined;
  return email;
}

import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';

/**
 * The name of the unique constraint (or unique index) a failed write broke, or undefined when
 * the error is anything else. The database holds the unique rules; repositories translate
 * their violations into what they mean.
 */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === UNIQUE_VIOLATION ? (driverError.constraint ?? '') : undefined;
}

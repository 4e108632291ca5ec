/**
 * A secret as it may appear in a log line: its first and last four characters, so two log
 * lines can be matched to one token without revealing it. Short values are hidden whole.
 */
export function maskSecret(value: string | null | undefined): string {
  if (value === null || value === undefined || value.length === 0) return '(none)';
  if (value.length < 16) return '****';
  return `${value.slice(0, 4)}…${value.slice(-4)}`;
}

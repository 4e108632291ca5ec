/**
 * An event's public id: `evt_` and its position in the log, zero-padded to bigint's 19 digits
 * so that ids sort as strings the way they sort as numbers.
 */
const PREFIX = 'evt_';
const DIGITS = 19;
const PATTERN = /^evt_(\d{19})$/;

export function eventIdOf(position: string): string {
  return `${PREFIX}${position.padStart(DIGITS, '0')}`;
}

/** The position in the log, as the decimal string PostgreSQL takes for a bigint; undefined if not an id of ours. */
export function positionOf(id: string): string | undefined {
  const match = PATTERN.exec(id);
  if (match === null) return undefined;
  const position = match[1].replace(/^0+(?=\d)/, '');
  return BigInt(position) <= 9_223_372_036_854_775_807n ? position : undefined;
}

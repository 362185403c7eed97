import { isLogPosition } from '@e-contract/contracts';

/**
 * Log positions are decimal strings of up to 20 digits (an unsigned 64-bit number). Stores keep them
 * left-padded with zeros to a fixed width, so that plain string comparison (SQLite TEXT, BSON strings,
 * `$max`, `$lt`) orders them numerically: "9" < "10" as numbers, not as strings.
 */
const WIDTH = 20;

export function toStoredPosition(position: string): string {
  if (!isLogPosition(position)) throw new RangeError(`not a log position: ${JSON.stringify(position)}`);
  return position.padStart(WIDTH, '0');
}

export function fromStoredPosition(stored: string): string {
  return stored.replace(/^0+(?=\d)/, '');
}

/** The later of two stored positions (`null` is before every position). */
export function laterStoredPosition(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

/**
 * Log positions (API.md, "Formats"): decimal strings, compared as BigInt because "9" < "10" only as
 * numbers. Up to 20 digits: an unsigned 64-bit number, as the stores keep them.
 */
const LOG_POSITION = /^\d{1,20}$/;

/** The canonical form of a decimal position (leading zeros dropped), or `null` when it is not one. */
export function parseLogPosition(value: string): string | null {
  const trimmed = value.trim();
  return LOG_POSITION.test(trimmed) ? BigInt(trimmed).toString() : null;
}

/** Whether `checkpoint` (a read model's, `null` before its first event) has reached `position`. */
export function hasReached(checkpoint: string | null, position: string): boolean {
  if (BigInt(position) === 0n) return true; // nothing to wait for
  return checkpoint !== null && BigInt(checkpoint) >= BigInt(position);
}

/** The later of two positions, `null` being before every position. */
export function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}

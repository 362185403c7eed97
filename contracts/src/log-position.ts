/**
 * Log positions (API.md, "Formats"): every `position`, SSE `id:`, `X-Min-Position` and `after=` is
 * a decimal string of up to 20 digits (an unsigned 64-bit number, as the stores keep them). They are
 * compared as numbers — "9" comes before "10" — never as text.
 */
export type LogPosition = string;

const DECIMAL_POSITION = /^\d{1,20}$/;

/** Whether `value` is written as a log position (digits only, at most 20). */
export const isLogPosition = (value: string): boolean => DECIMAL_POSITION.test(value);

/** The canonical form of a position given as text (blanks around it and leading zeros dropped), or `null`. */
export function parseLogPosition(value: string): LogPosition | null {
  const trimmed = value.trim();
  return isLogPosition(trimmed) ? BigInt(trimmed).toString() : null;
}

/** Negative when `a` comes before `b` in the log, positive after, 0 for the same position. */
export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The later of two positions, `null` meaning "before the first event". */
export function laterPosition(a: LogPosition | null, b: LogPosition | null): LogPosition | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareLogPositions(a, b) >= 0 ? a : b;
}

/** The earlier of two positions, `null` meaning "before the first event". */
export function earlierPosition(a: LogPosition | null, b: LogPosition | null): LogPosition | null {
  if (a === null || b === null) return null;
  return compareLogPositions(a, b) <= 0 ? a : b;
}

/** How many positions `position` is behind `head` (0 when it is not behind; `null` is before the first). */
export function positionsBehind(head: LogPosition | null, position: LogPosition | null): number {
  if (head === null) return 0;
  const behind = BigInt(head) - BigInt(position ?? '0');
  return behind > 0n ? Number(behind) : 0;
}

import { compareLogPositions, type LogPosition } from '@e-contract/contracts';

/**
 * Whether `checkpoint` (a read model's, `null` before its first event) has reached `position`, as
 * read-your-writes (`X-Min-Position`) asks it: position 0 means there is nothing to wait for.
 */
export function hasReached(checkpoint: LogPosition | null, position: LogPosition): boolean {
  if (BigInt(position) === 0n) return true;
  return checkpoint !== null && compareLogPositions(checkpoint, position) >= 0;
}

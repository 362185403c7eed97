import type { CabinetBucket } from '@e-contract/contracts';

/** Where a process sits in its signer's cabinet, and whose it is. */
export interface CabinetEntry {
  processId: string;
  bucket: CabinetBucket;
  /** The personal INN identification confirmed; `null` before identification. */
  personInn: string | null;
  updatedAt: string;
  position: string;
}

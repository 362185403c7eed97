/** Where a process sits in its signer's cabinet (API.md, `GET /api/cabinet/documents`). */
export type CabinetBucket = 'awaiting' | 'signed' | 'closed';

export interface CabinetEntry {
  processId: string;
  bucket: CabinetBucket;
  /** The personal INN identification confirmed; `null` before identification. */
  personInn: string | null;
  updatedAt: string;
  position: string;
}

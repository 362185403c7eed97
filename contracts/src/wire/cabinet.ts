import type { CabinetBucket } from '../status-machine.js';
import type { Deal } from './deals.js';

/**
 * `GET /api/cabinet/documents` → 200: the signer's processes by bucket (`cabinetBucketOf`), each
 * newest first — `signed` holds signed and archived ones, `closed` declined, cancelled, expired and
 * failed ones.
 */
export type CabinetDocuments = Record<CabinetBucket, Deal[]>;

import type { IsoTime } from './formats.js';

/**
 * An integration as the admin's list shows it (`GET /api/admin/integrations`): never its key, only
 * the first characters of it (`keyPrefix`) to tell keys apart.
 */
export interface IntegrationRow {
  integrationId: string;
  name: string;
  branchId: string;
  allowedOrigins: string[];
  /** The key's first characters (`ec_` and the start of the integration id); the key itself is never shown again. */
  keyPrefix: string;
  createdAt: IsoTime;
  /** The admin who created it. */
  createdBy: { id: string; role: string };
  /** `null`: the key does not expire. */
  expiresAt: IsoTime | null;
  /** The last request the key authenticated, exact to 5 minutes; `null` before the first. */
  lastUsedAt: IsoTime | null;
  revokedAt: IsoTime | null;
  /** `active`; `revoked` (by an admin) or `expired` (past `expiresAt`): the key is refused (401). */
  status: 'active' | 'revoked' | 'expired';
}

/** `POST /api/admin/integrations` → 201: the only answer that holds `apiKey`. */
export interface IntegrationCreatedAnswer {
  integrationId: string;
  name: string;
  branchId: string;
  allowedOrigins: string[];
  /** `ec_…`: shown here once; only its SHA-256 is stored. */
  apiKey: string;
  keyPrefix: string;
  createdAt: IsoTime;
  expiresAt: IsoTime | null;
}

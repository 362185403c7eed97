import type { LogPosition } from '../log-position.js';
import type { IsoTime } from './formats.js';

/** What every successful command on a signing process answers (API.md, "Commands"). */
export interface CommandAnswer {
  processId: string;
  /** Revision of the last event the command appended (0-based): the value for `If-Match`. */
  revision: number;
  /** That event's global log position: pass it as `X-Min-Position` to read your own write. */
  position: LogPosition;
}

/** `POST /api/documents` → 201. */
export interface UploadedDocument {
  documentId: string;
  sha256: string;
  size: number;
  fileName: string;
}

/** `POST /api/signing-processes/:id/identification` → 200. */
export interface IdentificationStartedAnswer extends CommandAnswer {
  requestId: string;
  /** Where the browser goes to identify (the sandbox's simulated Gosuslugi page in development). */
  redirectUrl: string;
}

/** `POST /api/signing-processes/:id/edo-agreement/acceptance` → 200: the version now accepted. */
export interface EdoAcceptanceAnswer extends CommandAnswer {
  agreementVersion: string;
  sha256: string;
}

/** `POST /api/signing-processes/:id/signature-code` → 202. */
export interface SignatureCodeAnswer extends CommandAnswer {
  channel: 'sms';
  /** Masked phone number (`+7 900 ***-**-67`). */
  destination: string;
  expiresAt: IsoTime;
  /** What the code signs: 8 hex characters of the documents' and the EDO agreement's hashes; the SMS quotes it. */
  fingerprint: string;
}

/** `POST /api/signing-processes/:id/signature` → 200. */
export interface SignatureAnswer extends CommandAnswer {
  status: 'signed';
}

/** `POST /api/signing-processes/:id/decline` → 200. */
export interface DeclineAnswer extends CommandAnswer {
  status: 'declined';
}

/** `POST /api/signing-processes/:id/cancel` → 200. */
export interface CancelAnswer extends CommandAnswer {
  status: 'cancelled';
}

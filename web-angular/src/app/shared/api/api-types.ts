/**
 * The HTTP contract's bodies as the UI sees them (shared/API.md v1), types only. Every answer's type
 * is the server's own, from `@e-contract/contracts/wire`: a change of an answer's shape is a type
 * error in this build. What is declared here is the UI's side only: the request bodies it sends
 * and the options of its calls.
 */
import type { IsoTime, LogPosition, ProcessKind, ProcessStatus, SignerType, UploadedDocument } from '@e-contract/contracts/wire';

export type {
  Branch,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookReplayAnswer,
  WebhookSummary,
  Actor,
  CabinetDocuments,
  CancelAnswer,
  CommandAnswer,
  CompanyRecord,
  Deal,
  DealHistoryEntry,
  DealIdentification,
  DealPage,
  DealTimeline,
  DeclineAnswer,
  DocumentRef,
  EdoAcceptanceAnswer,
  EdoAgreement,
  EmployeeRole,
  EmployeeUser,
  EvidencePackage,
  HealthReport,
  IdentificationStartedAnswer,
  IntegrationCreatedAnswer,
  IntegrationRow,
  IsoTime,
  LoginAnswer,
  LogPosition,
  ProcessKind,
  ProcessStatus,
  ProjectionStatusRow,
  RebuildStarted,
  SignatureAnswer,
  SignatureCodeAnswer,
  SignerDetails,
  SignerSessionAnswer,
  EmbedSignerSessionAnswer,
  SignerType,
  Stats,
  TrailEntry,
  TrailVerification,
  UploadedDocument,
} from '@e-contract/contracts/wire';

// ---- Requests and call options (the UI's side) ----------------------------------------------

export interface LoginRequest {
  login: string;
  password: string;
}

/** Headers a command may carry: `Idempotency-Key` and `If-Match: <revision>`. */
export interface CommandOptions {
  idempotencyKey?: string;
  ifMatch?: number;
}

/** `POST /api/documents` observed as events: progress while the bytes go up, then the answer. */
export type DocumentUploadEvent =
  { kind: 'progress'; loaded: number; total: number | null; percent: number | null } | { kind: 'uploaded'; document: UploadedDocument };

export interface SignerInput {
  type: SignerType;
  fullName: string;
  inn: string;
  ogrn?: string;
  companyName?: string;
  phone: string;
  email?: string;
}

export interface CreateSigningProcessRequest {
  processId?: string;
  kind: ProcessKind;
  title: string;
  documents: { documentId: string; title: string }[];
  signer: SignerInput;
  expiresAt?: IsoTime;
  /** The other system's reference (at most 128 characters). */
  externalId?: string;
}

/** Sort keys: a field name, `-` before it for descending (default `-updatedAt`). */
export type DealSort = `${'' | '-'}${'updatedAt' | 'createdAt' | 'expiresAt' | 'status' | 'title'}`;

/** `GET /api/deals` filters; left out, a filter or a range is open. */
export interface DealListQuery {
  status?: ProcessStatus | ProcessStatus[];
  kind?: ProcessKind;
  signerType?: SignerType;
  branchId?: string;
  managerId?: string;
  /** Exactly this `externalId` (another system's reference). */
  externalId?: string;
  q?: string;
  createdFrom?: string;
  createdTo?: string;
  sort?: DealSort;
  page?: number;
  /** ≤ 100; default 20. */
  pageSize?: number;
}

/** Reads may pass `X-Min-Position` to wait (up to 5 s) until the read models reflect a write. */
export interface ReadOptions {
  minPosition?: LogPosition;
}

export interface StatsQuery {
  from?: string;
  to?: string;
  branchId?: string;
}

/** `POST /api/admin/integrations`: another system gets an API key for one branch. */
export interface CreateIntegrationRequest {
  name: string;
  branchId: string;
  allowedOrigins?: string[];
  expiresAt?: IsoTime;
}

/** `POST /api/signing-processes/batch` (API.md, "many requests at once") → 202. */
export interface BatchAccepted {
  batchId: string;
  total: number;
}

/** `GET /api/batches/:batchId`: counts, each failed item's errors (fields relative to the item), the created processes. */
export interface BatchStatus {
  batchId: string;
  total: number;
  created: number;
  failed: {
    index: number;
    status?: number;
    type?: string;
    processId?: string;
    errors: { field: string; message: string; code?: string }[];
  }[];
  processIds: string[];
  /** Which item each created process is (the order of `processIds`). */
  items?: { index: number; processId: string }[];
  done: boolean;
}

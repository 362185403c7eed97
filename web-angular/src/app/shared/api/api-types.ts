/**
 * The HTTP contract's bodies as the UI sees them (shared/API.md v1): types only. Domain values
 * (statuses, kinds, signer types, roles) come from `@e-contract/contracts`.
 */
import type { Actor, EmployeeRole, ProcessKind, ProcessStatus, SignerType } from '@e-contract/contracts/validation';

export type { Actor, EmployeeRole, ProcessKind, ProcessStatus, SignerType };

/** A log position: a decimal string (`position`, SSE `id:`, `X-Min-Position`, `after=`). */
export type LogPosition = string;
/** ISO 8601 UTC with milliseconds, exactly as stored. */
export type IsoTime = string;

// ---- Authentication -------------------------------------------------------------------------

export interface LoginRequest {
  login: string;
  password: string;
}

export interface EmployeeUser {
  id: string;
  name: string;
  role: EmployeeRole;
  branchId: string | null;
}

export interface LoginResponse {
  token: string;
  user: EmployeeUser;
}

export interface SignerSessionResponse {
  token: string;
  processId: string;
}

// ---- Commands -------------------------------------------------------------------------------

/** What every successful command on a signing process answers. */
export interface CommandAnswer {
  processId: string;
  /** Revision of the last event the command appended (0-based). */
  revision: number;
  /** That event's global log position: pass it as `minPosition` to read your own write. */
  position: LogPosition;
}

/** Headers a command may carry: `Idempotency-Key` and `If-Match: <revision>`. */
export interface CommandOptions {
  idempotencyKey?: string;
  ifMatch?: number;
}

export interface UploadedDocument {
  documentId: string;
  sha256: string;
  size: number;
  fileName: string;
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
}

export interface IdentificationStarted extends CommandAnswer {
  requestId: string;
  /** Where the browser goes to identify (the sandbox's simulated Gosuslugi page in development). */
  redirectUrl: string;
}

export interface EdoAgreement {
  version: string;
  sha256: string;
  /** The text the signer reads before accepting. */
  text: string;
}

export interface SignatureCodeIssued extends CommandAnswer {
  channel: 'sms';
  /** Masked phone number (`+7 900 ***-**-67`). */
  destination: string;
  expiresAt: IsoTime;
}

export interface SignatureAccepted extends CommandAnswer {
  status: 'signed';
}

// ---- Read models ----------------------------------------------------------------------------

export interface DocumentRef {
  documentId: string;
  title: string;
  fileName: string;
  sha256: string;
  size: number;
}

/** The signer as the deal shows it (the phone normalised to E.164). */
export type SignerDetails = SignerInput;

/** When each fact of the process happened, `null` until it has. */
export interface DealTimeline {
  created: IsoTime;
  invited: IsoTime | null;
  identificationStarted: IsoTime | null;
  identified: IsoTime | null;
  identificationFailed: IsoTime | null;
  edoAccepted: IsoTime | null;
  codeSent: IsoTime | null;
  signed: IsoTime | null;
  archived: IsoTime | null;
  declined: IsoTime | null;
  cancelled: IsoTime | null;
  expired: IsoTime | null;
}

export interface Deal {
  processId: string;
  status: ProcessStatus;
  kind: ProcessKind;
  title: string;
  signer: SignerDetails;
  manager: { id: string; name: string };
  branchId: string;
  documents: DocumentRef[];
  createdAt: IsoTime;
  updatedAt: IsoTime;
  expiresAt: IsoTime;
  timeline: DealTimeline;
  identification?: {
    provider: string | null;
    requestId: string | null;
    failedAttempts: number;
    attemptsLeft: number;
    closed: boolean;
    person: { fullName: string; inn: string } | null;
  };
  edoAgreement?: { version: string; sha256: string; acceptedAt: IsoTime; reusedFrom?: { processId: string; revision: number } } | null;
  signature?: { channel: 'sms'; destination: string; codeIssuedAt: IsoTime; signedAt: IsoTime | null } | null;
  archive?: { archiveRef: string; archivedAt: IsoTime } | null;
  endReason?: string | null;
  /** Revision of the last event applied: the value for `If-Match`. */
  revision: number;
  position: LogPosition;
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
  q?: string;
  createdFrom?: string;
  createdTo?: string;
  sort?: DealSort;
  page?: number;
  /** ≤ 100; default 20. */
  pageSize?: number;
}

export interface DealPage {
  items: Deal[];
  total: number;
  page: number;
  pageSize: number;
  /** The log position the answer reflects: pass it as `after` to the live stream. */
  position: LogPosition;
}

/** Reads may pass `X-Min-Position` to wait (up to 5 s) until the read models reflect a write. */
export interface ReadOptions {
  minPosition?: LogPosition;
}

export interface TrailEntry {
  streamId: string;
  position: LogPosition;
  revision: number;
  type: string;
  occurredAt: IsoTime;
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
  causationId: string | null;
  data: unknown;
  hash: string;
  prevHash: string;
}

export interface TrailVerification {
  valid: boolean;
  events: number;
  head: string;
  brokenAt?: number;
  reason?: string;
}

export interface EvidencePackage {
  processId: string;
  generatedAt: IsoTime;
  title?: string | null;
  kind?: ProcessKind | null;
  documents: DocumentRef[];
  signer: { type: SignerType; fullName: string; inn: string; companyName?: string; ogrn?: string };
  identification: {
    provider: string;
    requestId: string;
    identifiedAt: IsoTime;
    result: 'success';
    person?: { fullName: string; inn: string };
    checks?: { check: string; passed: boolean; detail?: string }[];
  } | null;
  edoAgreement: { version: string; sha256: string; acceptedAt: IsoTime; reusedFrom?: { processId: string; revision: number } } | null;
  signature: {
    channel: 'sms';
    destination: string;
    codeIssuedAt: IsoTime | null;
    signedAt: IsoTime;
    ip: string | null;
    userAgent: string | null;
  } | null;
  events: TrailEntry[];
  chain: { algorithm: 'sha256-jcs'; head: string; length: number };
}

/** `GET /api/cabinet/documents`: `signed` holds signed and archived; `closed` declined, cancelled, expired and failed. */
export interface CabinetDocuments {
  awaiting: Deal[];
  signed: Deal[];
  closed: Deal[];
}

export interface CompanyInfo {
  inn: string;
  ogrn: string;
  name: string;
  status: string;
  director: { fullName: string; inn?: string };
}

export interface StatsQuery {
  from?: string;
  to?: string;
  branchId?: string;
}

/** Durations in seconds; `median` and `p90` are `null` while nothing is signed. */
export interface Stats {
  total: number;
  byStatus: Partial<Record<ProcessStatus, number>>;
  timeToSign: { median: number | null; p90: number | null; within10MinShare: number | null };
  byDay: { day: string; created: number; signed: number }[];
  byBranch: { branchId: string; created: number; signed: number; median: number | null }[];
}

export interface ProjectionStatus {
  name: string;
  position: LogPosition | null;
  lag: number;
  status: string;
  /** While rebuilding: 0..1. */
  progress?: number;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'starting';
  eventStore: string;
  readStore: string;
  projections: { position: LogPosition | null; lag: number };
}

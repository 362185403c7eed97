import type { ProcessKind, SignerType } from '../domain-values.js';
import type { IsoTime } from './formats.js';
import type { EdoAcceptance } from './deals.js';
import type { TrailEntry } from './trail.js';

/**
 * The evidence package (API.md, "Evidence package"; `GET /api/deals/:id/evidence` → 200): what an
 * auditor, a court or an expert needs to prove a signing — which documents (hashes), who (the
 * identification result), that the EDO agreement (hash) was accepted before, that the one-time code
 * went to that person and was entered, when and from where — plus the whole process stream and the
 * chain head, so that anyone can recompute the chain and notice a cut-off tail.
 *
 * Beyond API.md's fields it carries `title` and `kind` of the process, the person identification
 * confirmed, the id of the code that signed and, when the system reused an earlier acceptance,
 * `edoAgreement.reusedFrom`. For a process that is not (yet) signed the missing parts are `null`:
 * `identification` until `SignerIdentified`, `edoAgreement` until `EdoAgreementAccepted`,
 * `signature` until `DocumentsSigned`.
 */
export interface EvidencePackage {
  processId: string;
  generatedAt: IsoTime;
  title: string | null;
  kind: ProcessKind | null;
  documents: EvidenceDocument[];
  signer: EvidenceSigner;
  identification: EvidenceIdentification | null;
  edoAgreement: EdoAcceptance | null;
  signature: EvidenceSignature | null;
  events: TrailEntry[];
  chain: EvidenceChain;
  /**
   * What was erased, when and by whom (API.md, "Operations": erasure), from the trail's
   * `PersonalDataErased` facts; absent when nothing was. The erased fields read `{"erased": true}`.
   */
  erasures?: EvidenceErasure[];
}

export interface EvidenceErasure {
  personRef: string;
  erasedAt: IsoTime;
  erasedBy: string;
  reason: string;
}

export interface EvidenceDocument {
  documentId: string;
  title: string;
  fileName: string;
  sha256: string;
  size: number;
}

export interface EvidenceSigner {
  type: SignerType;
  fullName: string;
  inn: string;
  companyName?: string;
  ogrn?: string;
}

export interface EvidenceIdentification {
  provider: string;
  requestId: string;
  identifiedAt: IsoTime;
  result: 'success';
  /** The person the identification component confirmed (for a company: its director). */
  person: { fullName: string; inn: string };
  checks: { check: string; passed: boolean; detail?: string }[];
}

export interface EvidenceSignature {
  channel: 'sms';
  /** Masked phone number the code went to. */
  destination: string;
  /** `null` only if the trail lacks the code the signature names (the verifier reports that). */
  codeIssuedAt: IsoTime | null;
  signedAt: IsoTime;
  ip: string | null;
  userAgent: string | null;
  codeId: string;
}

/** How the chain is computed (RFC 8785 + SHA-256), its last hash and its length. */
export interface EvidenceChain {
  algorithm: 'sha256-jcs';
  head: string;
  length: number;
}

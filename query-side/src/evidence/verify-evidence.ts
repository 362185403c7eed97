import { holdsSealedField, isSealedValue, type SealedValue } from '@e-contract/contracts';
import { CHAIN_ALGORITHM } from '@e-contract/contracts/node';
import { verifyTrail, type ChainedFields, type TrailVerification } from './chain-verification.js';

/**
 * The standalone check of a saved evidence package, independent of any server: recomputes the
 * hash chain from `events` with the contracts' functions, compares it with `chain.head` and
 * `chain.length` (so a cut-off tail shows), and checks that the package's document hashes and EDO
 * agreement hash are the ones the signing events recorded.
 *
 * The package alone cannot show a tail cut together with a rewritten `chain`: compare `chain.head`
 * with the head printed in the signing certificate for that.
 */

/** The parts of a package the verifier reads, checked for shape (anything else is ignored). */
export interface PackageUnderCheck {
  processId: string;
  documents: { documentId: string; sha256: string }[];
  edoAgreement: { version: string; sha256: string } | null;
  events: ChainedFields[];
  chain: { algorithm: string; head: string; length: number };
  /** Personal data erased from this process: who, when and why (API.md, "Operations"). */
  erasures: { personRef: string; erasedAt: string; erasedBy: string; reason: string }[];
}

export interface EvidenceVerdict {
  valid: boolean;
  chain: TrailVerification;
  /** What holds, one line each. */
  confirmations: string[];
  /** What does not hold, one line each; empty when valid. */
  problems: string[];
  /** Facts worth telling that are not faults (e.g. an unsigned process). */
  notes: string[];
}

/** The input is not an evidence package this verifier can read (exit code 2). */
export class UnreadableEvidence extends Error {
  override readonly name = 'UnreadableEvidence';
}

export function parseEvidencePackage(text: string): PackageUnderCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UnreadableEvidence('not JSON');
  }
  const pkg = objectAt(value, 'the package');
  const chain = objectAt(pkg['chain'], 'chain');
  const algorithm = stringAt(chain['algorithm'], 'chain.algorithm');
  if (algorithm !== CHAIN_ALGORITHM)
    throw new UnreadableEvidence(`chain.algorithm is "${algorithm}", this verifier knows only "${CHAIN_ALGORITHM}"`);
  const edo = pkg['edoAgreement'];
  return {
    processId: stringAt(pkg['processId'], 'processId'),
    documents: arrayAt(pkg['documents'], 'documents').map((d, i) => {
      const doc = objectAt(d, `documents[${i}]`);
      return {
        documentId: stringAt(doc['documentId'], `documents[${i}].documentId`),
        sha256: stringAt(doc['sha256'], `documents[${i}].sha256`),
      };
    }),
    edoAgreement:
      edo === null || edo === undefined
        ? null
        : {
            version: stringAt(objectAt(edo, 'edoAgreement')['version'], 'edoAgreement.version'),
            sha256: stringAt(objectAt(edo, 'edoAgreement')['sha256'], 'edoAgreement.sha256'),
          },
    events: arrayAt(pkg['events'], 'events').map((e, i) => eventAt(e, `events[${i}]`)),
    chain: { algorithm, head: stringAt(chain['head'], 'chain.head'), length: numberAt(chain['length'], 'chain.length') },
    erasures: (pkg['erasures'] === undefined ? [] : arrayAt(pkg['erasures'], 'erasures')).map((x, i) => {
      const erasure = objectAt(x, `erasures[${i}]`);
      return {
        personRef: stringAt(erasure['personRef'], `erasures[${i}].personRef`),
        erasedAt: stringAt(erasure['erasedAt'], `erasures[${i}].erasedAt`),
        erasedBy: stringAt(erasure['erasedBy'], `erasures[${i}].erasedBy`),
        reason: stringAt(erasure['reason'], `erasures[${i}].reason`),
      };
    }),
  };
}

export function verifyEvidencePackage(pkg: PackageUnderCheck): EvidenceVerdict {
  const confirmations: string[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const chain = verifyTrail(pkg.events);

  if (chain.valid) confirmations.push(`chain valid: ${chain.events} events, head ${chain.head}`);
  else problems.push(`BROKEN at revision ${chain.brokenAt ?? '?'}: ${chain.reason ?? 'the chain does not hold'}`);

  if (pkg.chain.length !== chain.events) {
    problems.push(
      pkg.chain.length > chain.events
        ? `tail cut: package says ${pkg.chain.length} events, chain has ${chain.events}`
        : `length mismatch: package says ${pkg.chain.length} events, chain has ${chain.events}`,
    );
  }
  if (pkg.chain.head !== chain.head) problems.push(`head mismatch: package says ${pkg.chain.head}, chain ends at ${chain.head}`);

  const streamId = `signing-${pkg.processId}`;
  const foreign = pkg.events.find((e) => e.streamId !== streamId);
  if (foreign) problems.push(`revision ${foreign.revision} belongs to stream ${foreign.streamId}, not ${streamId}`);

  checkSignedFacts(pkg, { confirmations, problems, notes });
  checkErasures(pkg, { confirmations, problems, notes });
  return { valid: problems.length === 0, chain, confirmations, problems, notes };
}

/** The verdict as the CLI prints it, one line each, the last one the verdict. */
export function formatVerdict(verdict: EvidenceVerdict): string[] {
  return [
    ...verdict.problems,
    ...verdict.confirmations,
    ...verdict.notes.map((n) => `note: ${n}`),
    verdict.valid ? 'verdict: VALID' : `verdict: INVALID (${verdict.problems.length} problem${verdict.problems.length === 1 ? '' : 's'})`,
  ];
}

/**
 * Erased personal data is a note, not a fault: the chain covers the envelopes, which stay. Each
 * erasure the package states must be a `PersonalDataErased` fact of the chain.
 */
function checkErasures(pkg: PackageUnderCheck, out: Pick<EvidenceVerdict, 'confirmations' | 'problems' | 'notes'>): void {
  const sealed = pkg.events.filter((e) => holdsSealedField([e.data, e.ip, e.userAgent])).length;
  if (sealed > 0) out.notes.push(`${sealed} events hold personal fields sealed under a person's key (hashed as stored; not shown here)`);
  for (const erasure of pkg.erasures) {
    const recorded = pkg.events.some(
      (e) => e.type === 'PersonalDataErased' && (e.data as { personRef?: unknown } | null)?.personRef === erasure.personRef,
    );
    if (!recorded) out.problems.push(`erasure of person ${erasure.personRef}: no PersonalDataErased fact in the chain`);
    else
      out.notes.push(
        `personal data of person ${erasure.personRef} erased at ${erasure.erasedAt} by ${erasure.erasedBy}: ${erasure.reason}`,
      );
  }
}

function checkSignedFacts(pkg: PackageUnderCheck, out: Pick<EvidenceVerdict, 'confirmations' | 'problems' | 'notes'>): void {
  const signed = pkg.events.filter((e) => e.type === 'DocumentsSigned').at(-1);
  const accepted = pkg.events.filter((e) => e.type === 'EdoAgreementAccepted').at(-1);

  if (!signed) {
    out.notes.push('no DocumentsSigned event: the documents of this process are not signed');
  } else {
    const signedData = signed.data as {
      documents?: { documentId: string; sha256: string }[];
      edoAgreement?: { version: string; sha256: string };
    };
    const signedDocs = new Map((signedData.documents ?? []).map((d) => [d.documentId, d.sha256]));
    let matching = 0;
    for (const doc of pkg.documents) {
      const signedSha = signedDocs.get(doc.documentId);
      if (signedSha === undefined) out.problems.push(`document ${doc.documentId}: not among the documents DocumentsSigned names`);
      else if (signedSha !== doc.sha256)
        out.problems.push(`document ${doc.documentId}: package hash ${doc.sha256} differs from the signed ${signedSha}`);
      else matching += 1;
    }
    if (signedDocs.size !== pkg.documents.length) {
      out.problems.push(`DocumentsSigned names ${signedDocs.size} documents, the package lists ${pkg.documents.length}`);
    }
    if (matching === pkg.documents.length && signedDocs.size === pkg.documents.length) {
      out.confirmations.push(`documents: all ${matching} hashes equal those in DocumentsSigned (revision ${signed.revision})`);
    }
    const signedEdo = signedData.edoAgreement;
    if (accepted && signedEdo) {
      const acceptedData = accepted.data as { version?: string; sha256?: string };
      if (signedEdo.version !== acceptedData.version || signedEdo.sha256 !== acceptedData.sha256) {
        out.problems.push('DocumentsSigned names another EDO agreement than EdoAgreementAccepted');
      }
    }
  }

  if (!accepted) {
    if (pkg.edoAgreement) out.problems.push('the package names an EDO agreement, but no EdoAgreementAccepted event is in the chain');
    else out.notes.push('no EdoAgreementAccepted event: the EDO agreement was not accepted');
    if (signed) out.problems.push('documents signed without an EdoAgreementAccepted event in the chain');
    return;
  }
  const acceptedData = accepted.data as { version?: string; sha256?: string };
  if (!pkg.edoAgreement) {
    out.problems.push('the package names no EDO agreement, but EdoAgreementAccepted is in the chain');
  } else if (pkg.edoAgreement.sha256 !== acceptedData.sha256 || pkg.edoAgreement.version !== acceptedData.version) {
    out.problems.push(
      `EDO agreement: package says ${pkg.edoAgreement.version} ${pkg.edoAgreement.sha256}, ` +
        `EdoAgreementAccepted says ${String(acceptedData.version)} ${String(acceptedData.sha256)}`,
    );
  } else {
    out.confirmations.push(
      `EDO agreement ${pkg.edoAgreement.version}: hash equals the one in EdoAgreementAccepted (revision ${accepted.revision})`,
    );
  }
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UnreadableEvidence(`${where} must be an object`);
  return value as Record<string, unknown>;
}
function arrayAt(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new UnreadableEvidence(`${where} must be an array`);
  return value;
}
function stringAt(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new UnreadableEvidence(`${where} must be a string`);
  return value;
}
function numberAt(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new UnreadableEvidence(`${where} must be an integer`);
  return value;
}
function nullableStringAt(value: unknown, where: string): string | null {
  return value === null || value === undefined ? null : stringAt(value, where);
}

/** A personal text field as stored: a string, `null`, or its sealed envelope (hashed as it is, never opened here). */
function storedTextAt(value: unknown, where: string): string | SealedValue | null {
  if (isSealedValue(value)) return value;
  if (typeof value === 'object' && value !== null)
    throw new UnreadableEvidence(`${where} must be a string, null or a sealed envelope {enc, person}`);
  return nullableStringAt(value, where);
}

/** Every hashed field, exactly as given: a wrong value makes the hash fail, a wrong type is unreadable. */
function eventAt(value: unknown, where: string): ChainedFields {
  const e = objectAt(value, where);
  const actor = objectAt(e['actor'], `${where}.actor`);
  stringAt(actor['id'], `${where}.actor.id`);
  stringAt(actor['role'], `${where}.actor.role`);
  return {
    streamId: stringAt(e['streamId'], `${where}.streamId`),
    revision: numberAt(e['revision'], `${where}.revision`),
    type: stringAt(e['type'], `${where}.type`),
    occurredAt: stringAt(e['occurredAt'], `${where}.occurredAt`),
    // Passed on whole: a key added to the actor must break the hash, not be dropped here.
    actor: actor as unknown as ChainedFields['actor'],
    ip: storedTextAt(e['ip'], `${where}.ip`),
    userAgent: storedTextAt(e['userAgent'], `${where}.userAgent`),
    correlationId: nullableStringAt(e['correlationId'], `${where}.correlationId`),
    causationId: nullableStringAt(e['causationId'], `${where}.causationId`),
    data: e['data'] ?? null,
    hash: stringAt(e['hash'], `${where}.hash`),
    prevHash: stringAt(e['prevHash'], `${where}.prevHash`),
  };
}

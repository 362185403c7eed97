import {
  maskPhone,
  type Deal,
  type EvidencePackage,
  type SigningEventDataMap,
  type SigningEventType,
  type TrailEntry,
} from '@e-contract/contracts';
import { CHAIN_ALGORITHM, GENESIS_HASH } from '@e-contract/contracts/node';

/** The evidence package is the wire type in contracts. */
export type { EvidencePackage } from '@e-contract/contracts';

/**
 * API.md's evidence package ("Evidence package"), built from the trail. Every fact is read from the
 * trail events themselves (the legal record), not from the deal read model; the deal only names the
 * process and stands in when the trail lacks its first event. A code that was sent but never
 * entered is not a signature; it stays visible in `events`.
 */
export function buildEvidencePackage(deal: Deal, trail: readonly TrailEntry[], generatedAt: string): EvidencePackage {
  const events = [...trail].sort((a, b) => a.revision - b.revision).map(trailEntryOf);
  // The summary is read from the opened fields (`plain`); `events` keep the stored ones.
  const readable = events.map(readableOf);
  const created = lastOf(readable, 'SigningProcessCreated');
  const signed = lastOf(readable, 'DocumentsSigned');

  // The facts the signature names, when there is one; before that, the latest of each kind.
  const identified = signed
    ? lastOf(readable, 'SignerIdentified', (d) => d.requestId === signed.data.identification.requestId)
    : lastOf(readable, 'SignerIdentified');
  const accepted = signed
    ? lastOf(
        readable,
        'EdoAgreementAccepted',
        (d) => d.version === signed.data.edoAgreement.version && d.sha256 === signed.data.edoAgreement.sha256,
      )
    : lastOf(readable, 'EdoAgreementAccepted');
  const codeIssued = signed ? lastOf(readable, 'SignatureCodeIssued', (d) => d.codeId === signed.data.codeId) : null;

  const signer = created?.data.signer ?? deal.signer;
  const last = events.at(-1);
  return {
    processId: deal.processId,
    generatedAt,
    title: created?.data.title ?? deal.title,
    kind: created?.data.kind ?? deal.kind,
    documents: (created?.data.documents ?? deal.documents).map(({ documentId, title, fileName, sha256, size }) => ({
      documentId,
      title,
      fileName,
      sha256,
      size,
    })),
    signer: {
      type: signer.type,
      fullName: signer.fullName,
      inn: signer.inn,
      ...(signer.companyName !== undefined ? { companyName: signer.companyName } : {}),
      ...(signer.ogrn !== undefined ? { ogrn: signer.ogrn } : {}),
    },
    identification: identified
      ? {
          provider: identified.data.provider,
          requestId: identified.data.requestId,
          identifiedAt: identified.entry.occurredAt,
          result: 'success',
          person: { fullName: identified.data.person.fullName, inn: identified.data.person.inn },
          checks: identified.data.checks.map((c) => ({ ...c })),
        }
      : null,
    edoAgreement: accepted
      ? {
          version: accepted.data.version,
          sha256: accepted.data.sha256,
          acceptedAt: accepted.entry.occurredAt,
          ...(accepted.data.reusedFrom ? { reusedFrom: { ...accepted.data.reusedFrom } } : {}),
        }
      : null,
    signature: signed
      ? {
          channel: 'sms',
          destination: maskedDestination(codeIssued?.data.destination ?? null),
          codeIssuedAt: codeIssued?.entry.occurredAt ?? null,
          signedAt: signed.entry.occurredAt,
          ip: signed.entry.ip as string | null,
          userAgent: signed.entry.userAgent as string | null,
          codeId: signed.data.codeId,
        }
      : null,
    events,
    chain: { algorithm: CHAIN_ALGORITHM, head: last?.hash ?? GENESIS_HASH, length: events.length },
    ...erasuresOf(readable),
  };
}

/** An entry whose sealed fields read as opened (`plain`), for the summary. */
function readableOf(entry: TrailEntry): TrailEntry {
  if (!entry.plain) return entry;
  return { ...entry, data: entry.plain.data, ip: entry.plain.ip as string | null, userAgent: entry.plain.userAgent as string | null };
}

function erasuresOf(entries: readonly TrailEntry[]): Pick<EvidencePackage, 'erasures'> {
  const erasures = entries
    .filter((entry) => entry.type === 'PersonalDataErased')
    .map((entry) => {
      const data = entry.data as SigningEventDataMap['PersonalDataErased'];
      return { personRef: data.personRef, erasedAt: entry.occurredAt, erasedBy: data.erasedBy, reason: data.reason };
    });
  return erasures.length > 0 ? { erasures } : {};
}

/** A trail entry with exactly API.md's fields, in API.md's order (no store extras leak out). */
export function trailEntryOf(entry: TrailEntry): TrailEntry {
  return {
    streamId: entry.streamId,
    position: entry.position,
    revision: entry.revision,
    type: entry.type,
    occurredAt: entry.occurredAt,
    actor: { id: entry.actor.id, role: entry.actor.role },
    ip: entry.ip,
    userAgent: entry.userAgent,
    correlationId: entry.correlationId,
    causationId: entry.causationId,
    data: entry.data,
    hash: entry.hash,
    prevHash: entry.prevHash,
    ...(entry.plain ? { plain: entry.plain } : {}),
  };
}

/**
 * The trail holds the command side's own events, validated when they were decided: read as typed.
 * They are never upcast (the package returns each event exactly as stored and hashed), so only the
 * fields every schema version of a type has may be read here — not, e.g., a code's `issuedAt` (v2).
 */
function lastOf<K extends SigningEventType>(
  events: readonly TrailEntry[],
  type: K,
  matches: (data: SigningEventDataMap[K]) => boolean = () => true,
): { entry: TrailEntry; data: SigningEventDataMap[K] } | null {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const entry = events[i]!;
    if (entry.type !== type) continue;
    const data = entry.data as SigningEventDataMap[K];
    if (matches(data)) return { entry, data };
  }
  return null;
}

/** The command side stores the destination masked already; an unmasked phone is masked here all the same. */
function maskedDestination(destination: string | null): string {
  if (destination === null) return '***';
  return /^\+7\d{10}$/.test(destination) ? maskPhone(destination) : destination;
}

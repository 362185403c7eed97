import { processIdOfStream, systemActor, type DocumentsSignedData, type RecordedEvent } from '@e-contract/contracts';
import { parseSigningEvent } from '@e-contract/contracts/events';
import { ArchiveConflict, ArchiveDigestMismatch, type Archive } from '../archive/archive.js';
import type { SigningCommandHandler } from '../signing/command-handler.js';
import { decide } from '../signing/decide.js';
import { decisionContext } from '../signing/decision-context.js';
import { DomainError } from '../signing/signing-errors.js';
import type { DocumentStore } from '../documents/document-store.js';
import type { EdoAgreementCatalog } from '../edo-agreement/edo-agreement.js';
import type { Logger } from 'pino';
import type { Reactor } from './reactor.js';

export interface ArchiveReactorDeps {
  handler: SigningCommandHandler;
  documents: Pick<DocumentStore, 'read'>;
  archive: Archive;
  edoAgreements: EdoAgreementCatalog;
  clock: () => Date;
  logger: Logger;
}

/** What the archive keeps beside the documents: the facts that make the signature provable. */
export interface ArchiveManifest {
  processId: string;
  signing: { eventId: string; streamId: string; revision: number; hash: string; signedAt: string; codeId: string };
  documents: { documentId: string; title: string; fileName: string; sha256: string; size: number }[];
  edoAgreement: DocumentsSignedData['edoAgreement'];
  identification: DocumentsSignedData['identification'];
}

/**
 * On `DocumentsSigned`: reads each document, checks its SHA-256 against the one signed, stores the
 * documents and a manifest in the write-once archive, then records `DocumentsArchived`
 * (`system:archive`, caused by the signing event).
 *
 * Idempotent: a process no longer `signed` (already archived) is skipped; the manifest is built
 * from the event alone, so a repeat after a crash between storing and recording stores the same
 * bytes under the same references (the archive keeps what is there); the decider refuses a second
 * `DocumentsArchived`. A document that is missing or differs from what was signed is never
 * archived: that is logged as an incident and the event is left (retrying cannot mend it).
 */
export class ArchiveReactor implements Reactor {
  readonly name = 'archive';
  readonly handles = ['DocumentsSigned'] as const;

  constructor(private readonly deps: ArchiveReactorDeps) {}

  async handle(event: RecordedEvent): Promise<void> {
    const processId = processIdOfStream(event.streamId);
    const signing = parseSigningEvent(event);
    if (!processId || signing.type !== 'DocumentsSigned') return;
    const signed = signing.data;
    const log = this.deps.logger.child({ reactor: this.name, processId, eventId: event.eventId });
    const { state } = await this.deps.handler.load(processId);
    if (state.status !== 'signed') {
      log.debug({ status: state.status }, 'nothing to archive');
      return;
    }
    const documents = [];
    for (const { documentId, sha256 } of signed.documents) {
      const bytes = await this.deps.documents.read(documentId);
      if (bytes === null) {
        log.error({ documentId }, 'a signed document is missing from the document store: the process is not archived');
        return;
      }
      documents.push({ documentId, sha256, bytes });
    }
    const titles = new Map(state.documents.map((d) => [d.documentId, d]));
    const manifest: ArchiveManifest = {
      processId,
      signing: {
        eventId: event.eventId,
        streamId: event.streamId,
        revision: event.revision,
        hash: event.metadata.hash,
        signedAt: event.metadata.occurredAt,
        codeId: signed.codeId,
      },
      documents: signed.documents.map(({ documentId, sha256 }) => {
        const ref = titles.get(documentId);
        return { documentId, title: ref?.title ?? '', fileName: ref?.fileName ?? '', sha256, size: ref?.size ?? 0 };
      }),
      edoAgreement: signed.edoAgreement,
      identification: signed.identification,
    };

    let receipt;
    try {
      receipt = await this.deps.archive.store({ processId, documents, manifest });
    } catch (error) {
      if (error instanceof ArchiveDigestMismatch || error instanceof ArchiveConflict) {
        log.error({ err: error }, 'the documents differ from what was signed or archived: the process is not archived');
        return;
      }
      throw error;
    }
    try {
      await this.deps.handler.execute(
        processId,
        {
          actor: systemActor('archive'),
          ip: null,
          userAgent: null,
          correlationId: event.metadata.correlationId ?? null,
          causationId: event.eventId,
        },
        (current) =>
          decide(
            { type: 'RecordArchive', archiveRef: receipt.archiveRef, documents: receipt.documents },
            current,
            decisionContext(this.deps),
          ),
      );
      log.info({ archiveRef: receipt.archiveRef }, 'documents archived');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      log.debug({ refusal: error.code }, 'archive already recorded');
    }
  }
}

import type { Config } from '@e-contract/platform/config';
import type { EventStore, EventSubscriber } from '@e-contract/platform/event-store';
import type { Logger } from 'pino';
import type { Archive } from '../archive/archive.js';
import { FileArchive } from '../archive/file-archive.js';
import { loadOrCreateSecrets, type Secrets } from '@e-contract/platform/auth';
import type { DocumentStore } from '../documents/document-store.js';
import { FileDocumentStore } from '../documents/file-document-store.js';
import { StaticEdoAgreementCatalog, type EdoAgreementCatalog } from '../edo-agreement/edo-agreement.js';
import { DevOutboxNotifier } from '../notifications/dev-outbox-notifier.js';
import type { Notifier } from '../notifications/notifier.js';
import { productionNotifier } from '../notifications/production-notifier.js';
import { countedNotifier } from '../notifications/counted-notifier.js';
import { SigningCommandHandler } from '../signing/command-handler.js';
import { ArchiveReactor } from './archive-reactor.js';
import { ExpiryReactor, type DueProcesses } from './expiry-reactor.js';
import { InvitationReactor } from './invitation-reactor.js';
import { InviteTokenIndex } from '../auth/invite-token-index.js';
import { ReminderReactor, type RemindableProcesses } from './reminder-reactor.js';
import { SignedNoticeReactor, type SignedCopySource } from './signed-notice-reactor.js';
import { ReactorRunner, type ReactorCheckpoints, type ReactorStatus } from './reactor.js';

export interface ReactorsSettings {
  /** Most events per reactor batch (default 500). */
  batchSize: number;
  /**
   * Processes handled at the same time within a batch by the archive, signed-notice and other
   * reactors (default 32).
   */
  concurrency: number;
  /**
   * Processes the invitation reactor invites at the same time (default 500, a whole batch): each
   * invitation waits on a read, a message and durable appends, so many in flight let the group
   * commit fill its batches — at 32 it fell behind the create rate (bench:invitations).
   */
  invitationConcurrency: number;
  /** Time between expiry sweeps (default 5,000 ms). */
  expirySweepIntervalMs: number;
  /** Time between reminder sweeps (default 60,000 ms). */
  reminderSweepIntervalMs: number;
}

/** What the reactors need from outside the command side; the adapters they share with it may be passed in. */
export interface ReactorsDeps {
  logger: Logger;
  eventStore: EventStore & EventSubscriber;
  checkpoints: ReactorCheckpoints;
  due: DueProcesses;
  /** The waiting processes that may be due a reminder; without it no automatic reminders go out. */
  remindable?: RemindableProcesses;
  /** In embedded mode pass the app's `DevOutboxNotifier` when both run in one process. */
  notifier?: Notifier;
  documents?: DocumentStore;
  archive?: Archive;
  handler?: SigningCommandHandler;
  secrets?: Secrets;
  edoAgreements?: EdoAgreementCatalog;
  /** The signed copy the signed notice's e-mail attaches (the host wires the read side's renderer). */
  signedCopies?: SignedCopySource;
  clock?: () => Date;
  settings?: Partial<ReactorsSettings>;
}

export interface RunningReactors {
  runner: ReactorRunner;
  expiry: ExpiryReactor;
  reminders: ReminderReactor | null;
  statuses(): ReactorStatus[];
  /** Stops every reactor; an event being handled is finished first. The stores are the caller's. */
  close(): Promise<void>;
}

/**
 * The reactors that turn facts into side effects and record the outcome through the signing command
 * handler: invitations (SMS/e-mail → `SignerInvited`), the archive (`DocumentsArchived`) and the
 * expiry sweep (`SigningExpired`). They belong to the command side — they decide and append — and
 * read the log through checkpointed subscriptions whose checkpoints `checkpoints` keeps.
 */
export function startReactors(config: Config, deps: ReactorsDeps): RunningReactors {
  const settings: ReactorsSettings = {
    batchSize: 500,
    concurrency: 32,
    invitationConcurrency: 500,
    expirySweepIntervalMs: 5_000,
    reminderSweepIntervalMs: 60_000,
    ...deps.settings,
  };
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger.child({ component: 'reactors' });
  const handler = deps.handler ?? new SigningCommandHandler(deps.eventStore, clock);
  const edoAgreements = deps.edoAgreements ?? new StaticEdoAgreementCatalog();
  const secrets = deps.secrets ?? loadOrCreateSecrets(config.dataDir, process.env, config.production);
  const notifier = countedNotifier(
    deps.notifier ?? (config.production ? productionNotifier(config) : new DevOutboxNotifier(config.dataDir)),
  );

  const runner = new ReactorRunner({
    subscriber: deps.eventStore,
    log: deps.eventStore,
    checkpoints: deps.checkpoints,
    logger,
    batchSize: settings.batchSize,
    concurrency: settings.concurrency,
  });
  runner.start(
    new InvitationReactor({
      handler,
      notifier,
      publicUrl: config.publicUrl,
      organizationName: config.organizationName,
      inviteTokenSecret: secrets.inviteTokenSecret,
      inviteTokens: new InviteTokenIndex(deps.eventStore, clock),
      edoAgreements,
      clock,
      logger,
      concurrency: settings.invitationConcurrency,
    }),
  );
  runner.start(
    new ArchiveReactor({
      handler,
      documents: deps.documents ?? new FileDocumentStore(config.dataDir),
      archive: deps.archive ?? new FileArchive(config.dataDir),
      edoAgreements,
      clock,
      logger,
    }),
  );
  runner.start(
    new SignedNoticeReactor({
      handler,
      notifier,
      publicUrl: config.publicUrl,
      inviteTokenSecret: secrets.inviteTokenSecret,
      ...(deps.signedCopies ? { signedCopies: deps.signedCopies } : {}),
      clock,
      logger,
    }),
  );
  const expiry = new ExpiryReactor({ due: deps.due, handler, edoAgreements, clock, logger, intervalMs: settings.expirySweepIntervalMs });
  expiry.start();
  const reminders = deps.remindable
    ? new ReminderReactor({
        remindable: deps.remindable,
        handler,
        notifier,
        publicUrl: config.publicUrl,
        organizationName: config.organizationName,
        inviteTokenSecret: secrets.inviteTokenSecret,
        edoAgreements,
        clock,
        logger,
        intervalMs: settings.reminderSweepIntervalMs,
      })
    : null;
  reminders?.start();

  let closing: Promise<void> | null = null;
  return {
    runner,
    expiry,
    reminders,
    statuses: () => runner.statuses(),
    close() {
      closing ??= Promise.all([runner.stop(), expiry.stop(), reminders?.stop()]).then(() => undefined);
      return closing;
    },
  };
}

import type { ProcessStatus } from '../shared/api/api-types';

/** What the embedded page tells its parent (API.md, "Integrations"). */
export type EmbedMessageType = 'ready' | 'identified' | 'signed' | 'declined' | 'error';

export interface EmbedMessage {
  source: 'e-contract';
  type: EmbedMessageType;
  processId: string | null;
  status: ProcessStatus | null;
}

const IDENTIFIED: readonly ProcessStatus[] = ['identified', 'edo_accepted', 'code_sent'];
const SIGNED: readonly ProcessStatus[] = ['signed', 'archived'];
const ENDED_UNSIGNED: readonly ProcessStatus[] = ['cancelled', 'expired'];

/**
 * The messages a newly seen status calls for, given those already posted (each at most once per
 * page): `ready` with the first status, then `identified` once identification has passed, `signed`
 * once signed, `declined`, and `error` when the process ended otherwise (cancelled, expired, or
 * closed after the last failed identification).
 */
export function messagesFor(status: ProcessStatus, closed: boolean, posted: ReadonlySet<EmbedMessageType>): EmbedMessageType[] {
  const due: EmbedMessageType[] = [];
  if (!posted.has('ready')) due.push('ready');
  if ((IDENTIFIED.includes(status) || SIGNED.includes(status)) && !posted.has('identified')) due.push('identified');
  if (SIGNED.includes(status) && !posted.has('signed')) due.push('signed');
  if (status === 'declined' && !posted.has('declined')) due.push('declined');
  if ((ENDED_UNSIGNED.includes(status) || closed) && !posted.has('error')) due.push('error');
  return due;
}

import { MESSAGES } from '../../shared/i18n/messages.ru';
import type { Deal, DealTimeline, IsoTime } from '../../shared/api/api-types';

export interface DealFact {
  key: keyof DealTimeline;
  text: string;
  at: IsoTime;
}

export interface DealHistoryItem {
  key: string;
  text: string;
  at: IsoTime;
  /** Who recorded it, in Russian (`менеджер`, `система`, …). */
  by: string;
}

/**
 * Every fact of the process in order (the deal's `history`), with its Russian name and who
 * recorded it: re-sent invitations, reminders and failed identifications each with its time. A
 * deal read before the history existed shows its timeline instead.
 */
export function dealHistory(deal: Pick<Deal, 'timeline' | 'history'>): DealHistoryItem[] {
  const history = deal.history ?? [];
  if (history.length === 0) return dealFacts(deal).map((fact) => ({ ...fact, by: '' }));
  const labels = MESSAGES.audit.eventType;
  const roles = MESSAGES.deals.deal.historyActor;
  return history.map((entry, index) => ({
    key: `${index}`,
    text: labels[entry.fact] ?? entry.fact,
    at: entry.at,
    by: roles[entry.actor.role] ?? entry.actor.role,
  }));
}

/** The facts that happened, in time order, with their Russian names. */
export function dealFacts(deal: Pick<Deal, 'timeline'>): DealFact[] {
  return (Object.entries(deal.timeline) as [keyof DealTimeline, IsoTime | null][])
    .filter((entry): entry is [keyof DealTimeline, IsoTime] => entry[1] !== null)
    .map(([key, at]) => ({ key, at, text: MESSAGES.deals.fact[key] ?? key }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

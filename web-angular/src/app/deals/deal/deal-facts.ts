import { MESSAGES } from '../../shared/i18n/messages.ru';
import type { Deal, DealTimeline, IsoTime } from '../../shared/api/api-types';

export interface DealFact {
  key: keyof DealTimeline;
  text: string;
  at: IsoTime;
}

/** The facts that happened, in time order, with their Russian names. */
export function dealFacts(deal: Pick<Deal, 'timeline'>): DealFact[] {
  return (Object.entries(deal.timeline) as [keyof DealTimeline, IsoTime | null][])
    .filter((entry): entry is [keyof DealTimeline, IsoTime] => entry[1] !== null)
    .map(([key, at]) => ({ key, at, text: MESSAGES.deals.fact[key] ?? key }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

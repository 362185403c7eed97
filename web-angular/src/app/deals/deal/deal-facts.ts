import type { Deal, DealTimeline, IsoTime } from '../../shared/api/api-types';
import { DEALS_MESSAGES } from '../deals.messages.ru';

export interface DealFact {
  key: keyof DealTimeline;
  text: string;
  at: IsoTime;
}

/** The facts that happened, in time order, with their Russian names. */
export function dealFacts(deal: Pick<Deal, 'timeline'>): DealFact[] {
  return (Object.entries(deal.timeline) as [keyof DealTimeline, IsoTime | null][])
    .filter((entry): entry is [keyof DealTimeline, IsoTime] => entry[1] !== null)
    .map(([key, at]) => ({ key, at, text: DEALS_MESSAGES.fact[key] ?? key }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

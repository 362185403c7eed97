import type { Deal } from '../../shared/api/api-types';
import { MESSAGES } from '../../shared/i18n/messages.ru';

/**
 * What went wrong at the last identification and what to do, in plain Russian: by the identity check
 * that failed; when the identification component itself refused, its own reason if it is Russian
 * (the sandbox's and ESIA's are), else the general advice.
 */
export function identificationAdvice(deal: Pick<Deal, 'identification'>): string {
  const advice = MESSAGES.cabinet.identifyAdvice;
  const { lastFailureCheck, lastFailureReason } = deal.identification;
  if (lastFailureCheck && advice[lastFailureCheck]) return advice[lastFailureCheck];
  if (lastFailureReason && /[А-Яа-яЁё]/.test(lastFailureReason)) return `${lastFailureReason}. ${advice['component']}`;
  return advice['component']!;
}

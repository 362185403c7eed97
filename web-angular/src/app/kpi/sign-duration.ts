import { MESSAGES } from '../shared/i18n/messages.ru';
import { formatDuration } from '../shared/i18n/format';

/**
 * A time to sign for a KPI tile: whole minutes under an hour (`7 мин`, `<1 мин`), hours and minutes
 * above it (`2 ч 05 мин`), days and hours past a day; `—` while nothing is signed.
 */
export function formatSignDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const u = MESSAGES.kpi.durationUnit;
  if (seconds < 60) return `<1 ${u.minute}`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} ${u.minute}`;
  return formatDuration(Math.round(seconds / 60) * 60);
}

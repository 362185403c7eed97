/** Whole seconds from `now` until `at` (ISO time or epoch ms), never below 0; `null` when there is no `at`. */
export function secondsUntil(at: string | number | null | undefined, now: number): number | null {
  if (at === null || at === undefined) return null;
  const time = typeof at === 'number' ? at : Date.parse(at);
  return Number.isNaN(time) ? null : Math.max(0, Math.ceil((time - now) / 1000));
}

/** `4:05` from seconds. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

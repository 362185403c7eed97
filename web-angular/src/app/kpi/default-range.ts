const isoDate = (date: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

/** The last 30 days up to today (local dates, `YYYY-MM-DD`), the dashboard's opening range. */
export function defaultRange(today: Date = new Date()): { from: string; to: string } {
  const from = new Date(today);
  from.setDate(from.getDate() - 29);
  return { from: isoDate(from), to: isoDate(today) };
}

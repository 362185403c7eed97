/** A time as the API writes it: ISO 8601 UTC with milliseconds (`2026-11-25T08:00:00.000Z`), exactly as stored. */
export type IsoTime = string;

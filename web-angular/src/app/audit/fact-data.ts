/** One line of an event's data: a dotted path (`signer.fullName`, `documents[0].sha256`) and its text. */
export interface FactField {
  key: string;
  value: string;
}

const YES = 'да';
const NO = 'нет';
const NONE = '—';

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return NONE;
  if (typeof value === 'boolean') return value ? YES : NO;
  return String(value);
}

/** An event's `data` (unknown JSON) flattened to readable key/value lines, nested paths joined. */
export function factFields(data: unknown, prefix = ''): FactField[] {
  if (Array.isArray(data)) {
    if (data.length === 0) return prefix ? [{ key: prefix, value: NONE }] : [];
    return data.flatMap((item, index) => factFields(item, `${prefix}[${index}]`));
  }
  if (data !== null && typeof data === 'object') {
    const entries = Object.entries(data as Record<string, unknown>);
    if (entries.length === 0) return prefix ? [{ key: prefix, value: NONE }] : [];
    return entries.flatMap(([key, value]) => factFields(value, prefix ? `${prefix}.${key}` : key));
  }
  if (!prefix) return data === null || data === undefined ? [] : [{ key: '', value: scalarText(data) }];
  return [{ key: prefix, value: scalarText(data) }];
}

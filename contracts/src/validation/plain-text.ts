/**
 * API.md, "Formats": text fields are trimmed, then validated — empty after trimming, control
 * characters (newlines only where a field allows them), bidi overrides and lone surrogates are
 * refused. This is that check for one trimmed value; the caller stores the trimmed form.
 */
export interface PlainTextRule {
  /** Longest allowed length after trimming, in UTF-16 code units (as `String.length`). */
  maxLength: number;
  allowNewlines?: boolean;
}

// C0 controls (tab and newlines are judged apart), DEL and the C1 block: finding them is the point.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const TAB = /\t/;
const NEWLINE = /[\n\r]/;
// Embeddings, overrides and isolates: they make a text read differently from what it holds.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isPlainText(value: unknown, rule: PlainTextRule): value is string {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > rule.maxLength) return false;
  if (CONTROL.test(trimmed) || TAB.test(trimmed) || BIDI_CONTROL.test(trimmed) || LONE_SURROGATE.test(trimmed)) return false;
  return rule.allowNewlines === true || !NEWLINE.test(trimmed);
}

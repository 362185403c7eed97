import type { Deal } from '../read-models/deal.js';

/**
 * Search text is folded the same way on both sides (stored text and the user's query): lower case and
 * `ё` → `е` (Russian writes them interchangeably; SQLite's unicode61 tokenizer folds case, also
 * Cyrillic, but keeps `ё` apart from `е`). Words are runs of letters, digits and combining marks;
 * everything else separates them, as the unicode61 tokenizer does.
 */
export function foldSearchText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е');
}

const WORD_SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;
const MAX_QUERY_TERMS = 8;
const MAX_TERM_LENGTH = 64;

export function wordsOf(text: string): string[] {
  return foldSearchText(text)
    .split(WORD_SEPARATORS)
    .filter((word) => word.length > 0);
}

/**
 * The words of a user's `q`, each to be matched as a word prefix, all of them required. Only letters,
 * digits and marks survive, so no input can reach a query language as syntax. An input without any
 * word (`"`, `-`, `*`) yields no terms: the search box is then treated as empty.
 */
export function queryTerms(q: string | undefined): string[] {
  if (q === undefined) return [];
  const terms = [...new Set(wordsOf(q).map((word) => word.slice(0, MAX_TERM_LENGTH)))];
  return terms.slice(0, MAX_QUERY_TERMS);
}

/** The searchable texts of a deal: title, signer (director's) full name, company name, INN. */
export function dealSearchFields(deal: Deal): { title: string; signerName: string; companyName: string; inn: string } {
  return {
    title: deal.title,
    signerName: deal.signer.fullName,
    companyName: deal.signer.companyName ?? '',
    inn: deal.signer.inn,
  };
}

/** The distinct folded words of a deal's searchable texts (MongoDB's `searchTerms`). */
export function dealSearchTerms(deal: Deal): string[] {
  const fields = dealSearchFields(deal);
  return [...new Set([fields.title, fields.signerName, fields.companyName, fields.inn].flatMap(wordsOf))];
}

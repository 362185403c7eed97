/** An example of a document: a fenced script, and the answer the document shows right after it, if any. */
export interface DocumentedExample {
  script: string;
  answer?: { language: string; text: string };
}

/**
 * The fenced blocks of `language` at the left margin of a Markdown text, in order, each with the
 * fenced block that follows it with nothing but blank lines between (the answer it shows).
 */
export function documentedExamples(markdown: string, language: string): DocumentedExample[] {
  const fence = /^```(\w*)\n([\s\S]*?)^```[ \t]*$/gm;
  const blocks: { language: string; text: string; start: number; end: number }[] = [];
  for (const match of markdown.matchAll(fence)) {
    blocks.push({ language: match[1]!, text: match[2]!, start: match.index, end: match.index + match[0].length });
  }
  return blocks.flatMap((block, index) => {
    if (block.language !== language) return [];
    const next = blocks[index + 1];
    const adjacent = next && next.language !== language && markdown.slice(block.end, next.start).trim() === '';
    return [{ script: block.text, ...(adjacent ? { answer: { language: next.language, text: next.text } } : {}) }];
  });
}

/** A JSON value's shape: its fields (recursively, arrays by their first item) and their JSON types, not values. */
export function fieldShape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? [] : [fieldShape(value[0])];
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, fieldShape((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value;
}

/** An HTTP answer as `curl -i` prints it: the status, the header names (lower case) and the body. */
export function parseHttpAnswer(text: string): { status: number; headerNames: string[]; body: string } {
  const normalised = text.replace(/\r/g, '');
  const split = normalised.indexOf('\n\n');
  const head = split < 0 ? normalised : normalised.slice(0, split);
  const [statusLine = '', ...headerLines] = head.split('\n');
  const status = /^HTTP\/[\d.]+ (\d{3})/.exec(statusLine);
  if (!status) throw new Error(`not an HTTP answer: ${statusLine}`);
  return {
    status: Number(status[1]),
    headerNames: headerLines.map((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase()),
    body: split < 0 ? '' : normalised.slice(split + 2).trim(),
  };
}

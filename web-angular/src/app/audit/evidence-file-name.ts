/** `evidence-<processId>.json` or `certificate-<processId>.pdf`. */
export const evidenceFileName = (processId: string, format: 'json' | 'pdf'): string =>
  format === 'pdf' ? `certificate-${processId}.pdf` : `evidence-${processId}.json`;

/** Facts outside the process streams: reads of the legal trail (stream `evidence-access`). */
export interface EvidenceAccessedData {
  processId: string;
  resource: 'trail' | 'verification' | 'evidence' | 'certificate' | 'signed_copy';
}

export type EvidenceAccessed = { type: 'EvidenceAccessed'; data: EvidenceAccessedData };

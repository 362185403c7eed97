/** Facts outside the process streams: reads of the legal trail (stream `evidence-access`). */
export interface EvidenceAccessedData {
  processId: string;
  resource: 'trail' | 'verification' | 'evidence' | 'certificate';
}

export type EvidenceAccessed = { type: 'EvidenceAccessed'; data: EvidenceAccessedData };

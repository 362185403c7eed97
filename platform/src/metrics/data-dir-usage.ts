import { statfs } from 'node:fs/promises';
import type { MetricInstruments } from './metric-definitions.js';

/** `econtract_data_dir_free_bytes` and `_size_bytes`: the file system of `DATA_DIR`, read with statfs when scraped. */
export class DataDirUsage {
  private directory: string | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly metrics: Pick<MetricInstruments, 'dataDirFreeBytes' | 'dataDirSizeBytes'>) {}

  /** The directory whose file system is measured (the service's `DATA_DIR`). */
  observe(directory: string): void {
    this.directory = directory;
  }

  refresh(): Promise<void> {
    this.refreshing ??= this.measure().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async measure(): Promise<void> {
    if (this.directory === null) return;
    try {
      const stats = await statfs(this.directory);
      // `bavail`, not `bfree`: the blocks an unprivileged service may still write.
      this.metrics.dataDirFreeBytes.set(stats.bavail * stats.bsize);
      this.metrics.dataDirSizeBytes.set(stats.blocks * stats.bsize);
    } catch {
      // The directory is gone or unreadable: the last values stay; health and the logs say why.
    }
  }
}

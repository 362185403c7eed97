import { Injectable } from '@angular/core';

/**
 * The files a manager chose for a batch (the CSV's bytes, the PDFs by name): `File`s are not state
 * the store can hold, so the page puts them here and the effects take them from here.
 */
@Injectable()
export class BatchFiles {
  private csvFile: File | null = null;
  private readonly pdfs = new Map<string, File>();

  setCsv(file: File): void {
    this.csvFile = file;
  }

  async csvBytes(): Promise<ArrayBuffer | null> {
    return this.csvFile ? await this.csvFile.arrayBuffer() : null;
  }

  /** Replaces the chosen PDFs; answers their names in the order chosen. */
  setPdfs(files: readonly File[]): string[] {
    this.pdfs.clear();
    for (const file of files) this.pdfs.set(file.name, file);
    return [...this.pdfs.keys()];
  }

  pdf(name: string): File | null {
    return this.pdfs.get(name) ?? null;
  }
}

import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/** Saves a Blob as a file: an object URL, a temporary `<a download>`, a click, then cleanup. */
@Injectable({ providedIn: 'root' })
export class SaveFileService {
  private readonly document = inject(DOCUMENT);

  save(blob: Blob, fileName: string): void {
    const url = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.style.display = 'none';
    this.document.body.appendChild(link);
    try {
      link.click();
    } finally {
      link.remove();
      // Revoked on the next task: some browsers read the URL only after click() returns.
      setTimeout(() => URL.revokeObjectURL(url));
    }
  }
}

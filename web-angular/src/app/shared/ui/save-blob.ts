import { InjectionToken } from '@angular/core';

/** Saves a downloaded file under `fileName` through a short-lived object URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** How effects save a file (specs provide a spy instead of clicking a link). */
export const SAVE_BLOB = new InjectionToken<(blob: Blob, fileName: string) => void>('SAVE_BLOB', {
  providedIn: 'root',
  factory: () => saveBlob,
});

/** The signed copy's file name (as the server's `Content-Disposition` names it). */
export const signedCopyFileName = (processId: string): string => `signed-copy-${processId}.pdf`;

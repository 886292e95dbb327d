/**
 * Saving and opening files: through the desktop bridge in Electron (a native dialog), through a
 * download link and a file picker in the browser.
 */
import type { OpenFileResult, SaveFileResult } from '../../shared/ipc/desktopBridge';
import { getDesktopBridge } from './desktop';

export async function saveTextFile(suggestedName: string, content: string, extension: string, mimeType: string): Promise<SaveFileResult> {
  const bridge = getDesktopBridge();
  if (bridge) return bridge.saveFile({ suggestedName, content, extensions: [extension] });
  return downloadBlob(suggestedName, new Blob([content], { type: mimeType }));
}

/** The browser's way to save: a download link, clicked once. */
function downloadBlob(suggestedName: string, blob: Blob): SaveFileResult {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = suggestedName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoke after the click has been handled, or some browsers cancel the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return { status: 'saved', fileName: suggestedName };
}

/** Reads a file the user picked in a browser <input type="file">. */
export async function readPickedFile(file: File, maxBytes: number): Promise<OpenFileResult> {
  if (file.size > maxBytes) return { status: 'too-large', fileName: file.name, sizeBytes: file.size };
  return { status: 'opened', fileName: file.name, content: await file.text() };
}

/** In Electron, asks main for a native open dialog; null means "use the browser picker". */
export async function openTextFileWithDesktop(title: string, extension: string): Promise<OpenFileResult | null> {
  const bridge = getDesktopBridge();
  if (!bridge) return null;
  return bridge.openFile({ title, extensions: [extension] });
}

export type PrintPageResult = SaveFileResult | { status: 'printed' };

/**
 * A printable page to PDF: Electron renders it straight to a file the user chooses; the browser
 * opens its print dialog, where "Save as PDF" does the same.
 */
export async function savePageAsPdf(suggestedName: string, options: { landscape: boolean } = { landscape: false }): Promise<PrintPageResult> {
  const bridge = getDesktopBridge();
  if (bridge) return bridge.savePageAsPdf({ suggestedName, pageSize: 'A4', landscape: options.landscape });
  window.print();
  return { status: 'printed' };
}

/** Saves a binary file (a chart image) given as a Blob. */
export async function saveBlobFile(suggestedName: string, blob: Blob, extension: string): Promise<SaveFileResult> {
  const bridge = getDesktopBridge();
  if (bridge) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
    return bridge.saveFile({ suggestedName, content: btoa(binary), extensions: [extension], encoding: 'base64' });
  }
  return downloadBlob(suggestedName, blob);
}

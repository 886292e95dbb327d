/**
 * Reading and writing the user-chosen files behind the save/open bridge methods.
 */
import { open, writeFile } from 'node:fs/promises';

export type ReadTextFileResult = { status: 'read'; content: string } | { status: 'too-large'; sizeBytes: number };

const chunkBytes = 1024 * 1024;

/**
 * Reads a UTF-8 text file unless it is larger than `maxBytes`.
 *
 * The size is checked on the open handle and then enforced again while reading, so a file that
 * grows between the check and the read still cannot make main hold more than the limit. Bytes that
 * are not valid UTF-8 are an error rather than silently replaced, so a binary file picked by
 * mistake gets a clear message instead of a confusing parse failure later.
 */
export async function readTextFileWithinLimit(filePath: string, maxBytes: number): Promise<ReadTextFileResult> {
  const handle = await open(filePath, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error('The selected path is not a regular file');
    if (stats.size > maxBytes) return { status: 'too-large', sizeBytes: stats.size };

    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return { status: 'too-large', sizeBytes: total };
      chunks.push(chunk.subarray(0, bytesRead));
    }
    try {
      return { status: 'read', content: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, total)) };
    } catch {
      throw new Error('The selected file is not UTF-8 text');
    }
  } finally {
    await handle.close();
  }
}

/** Writes bytes (a PDF), replacing the file the user chose in the save dialog. */
export async function writeBinaryFile(filePath: string, content: Uint8Array): Promise<void> {
  await writeFile(filePath, content);
}

/** Writes UTF-8 text, replacing the file the user chose in the save dialog. */
export async function writeTextFile(filePath: string, content: string): Promise<void> {
  await writeFile(filePath, content, { encoding: 'utf8' });
}

// @vitest-environment node
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTextFileWithinLimit, writeTextFile } from '../../../electron/main/fileAccess';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-file-access-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readTextFileWithinLimit', () => {
  it('reads UTF-8 text, including multi-byte characters, and drops a BOM', async () => {
    const filePath = join(dir, 'ok.json');
    await writeFile(filePath, '\uFEFF{"title":"Störung – 東京"}');
    await expect(readTextFileWithinLimit(filePath, 1024)).resolves.toEqual({ status: 'read', content: '{"title":"Störung – 東京"}' });
  });

  it('reads a file exactly at the limit and refuses one byte more', async () => {
    const filePath = join(dir, 'limit.txt');
    await writeFile(filePath, 'x'.repeat(100));
    await expect(readTextFileWithinLimit(filePath, 100)).resolves.toEqual({ status: 'read', content: 'x'.repeat(100) });
    await expect(readTextFileWithinLimit(filePath, 99)).resolves.toEqual({ status: 'too-large', sizeBytes: 100 });
  });

  it('reads files larger than one internal chunk', async () => {
    const filePath = join(dir, 'big.txt');
    const content = 'abcdefgh'.repeat(300_000);
    await writeFile(filePath, content);
    const result = await readTextFileWithinLimit(filePath, content.length);
    expect(result.status).toBe('read');
    expect(result.status === 'read' && result.content === content).toBe(true);
  });

  it('rejects bytes that are not UTF-8 with a clear message', async () => {
    const filePath = join(dir, 'binary.bin');
    await writeFile(filePath, Buffer.from([0xff, 0xfe, 0x00, 0xc3]));
    await expect(readTextFileWithinLimit(filePath, 1024)).rejects.toThrow('The selected file is not UTF-8 text');
  });

  it('rejects directories and missing files', async () => {
    await expect(readTextFileWithinLimit(dir, 1024)).rejects.toThrow();
    await expect(readTextFileWithinLimit(join(dir, 'missing.json'), 1024)).rejects.toThrow();
  });
});

describe('writeTextFile', () => {
  it('writes UTF-8 text, replacing existing content', async () => {
    const filePath = join(dir, 'out.md');
    await writeFile(filePath, 'old content that is longer');
    await writeTextFile(filePath, '# Bericht – ü');
    expect(await readFile(filePath, 'utf8')).toBe('# Bericht – ü');
  });
});

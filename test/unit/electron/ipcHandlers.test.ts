// @vitest-environment node
import type { IpcMain, IpcMainInvokeEvent, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { packagedTrustedOrigins } from '../../../electron/main/appOrigin';
import {
  assertTrustedSender,
  buildOpenDialogOptions,
  buildSaveDialogOptions,
  createBridgeHandlers,
  parseBridgeArguments,
  registerIpcHandlers,
  senderFrameOf,
  type BridgeServices,
} from '../../../electron/main/ipcHandlers';
import { maxBridgeFileBytes, notificationRequestSchema, openFileRequestSchema, saveFileRequestSchema } from '../../../shared/ipc/desktopBridge';
import { ipcChannels } from '../../../shared/ipc/ipcChannels';

const appFrame = { url: 'app://firebreak/incidents', isMainFrame: true };

describe('assertTrustedSender', () => {
  it('accepts the app main frame', () => {
    expect(() => assertTrustedSender(ipcChannels.saveFile, appFrame, packagedTrustedOrigins)).not.toThrow();
  });

  it('rejects foreign origins, look-alikes and the dev server when packaged', () => {
    for (const url of ['https://evil.example/', 'app://evil/', 'app://firebreak:1/', 'app://x@firebreak/', 'file:///index.html', 'http://localhost:5173/', 'about:blank']) {
      expect(() => assertTrustedSender(ipcChannels.saveFile, { url, isMainFrame: true }, packagedTrustedOrigins), url).toThrow(
        'firebreak:save-file: rejected, the sender is not the Firebreak app',
      );
    }
  });

  it('rejects subframes, even of the app origin, and vanished frames', () => {
    expect(() => assertTrustedSender(ipcChannels.openFile, { url: 'app://firebreak/', isMainFrame: false }, packagedTrustedOrigins)).toThrow(/main frame/);
    expect(() => assertTrustedSender(ipcChannels.openFile, { url: null, isMainFrame: false }, packagedTrustedOrigins)).toThrow(/no longer exists/);
  });

  it('accepts the dev server only when configured', () => {
    const dev = { devServerOrigin: 'http://localhost:5173' };
    expect(() => assertTrustedSender(ipcChannels.getAppInfo, { url: 'http://localhost:5173/', isMainFrame: true }, dev)).not.toThrow();
    expect(() => assertTrustedSender(ipcChannels.getAppInfo, { url: 'http://localhost:5174/', isMainFrame: true }, dev)).toThrow();
  });
});

describe('senderFrameOf', () => {
  it('reads the frame URL and whether it is the main frame', () => {
    const mainFrame = { url: 'app://firebreak/' };
    const child = { url: 'app://firebreak/child' };
    const sender = { mainFrame };
    expect(senderFrameOf({ senderFrame: mainFrame, sender } as never)).toEqual({ url: 'app://firebreak/', isMainFrame: true });
    expect(senderFrameOf({ senderFrame: child, sender } as never)).toEqual({ url: 'app://firebreak/child', isMainFrame: false });
    expect(senderFrameOf({ senderFrame: null, sender } as never)).toEqual({ url: null, isMainFrame: false });
  });
});

describe('parseBridgeArguments', () => {
  const validSave = { suggestedName: 'incidents.json', content: '[]', extensions: ['json'] };

  it('returns the validated request', () => {
    expect(parseBridgeArguments(ipcChannels.saveFile, saveFileRequestSchema, [validSave])).toEqual(validSave);
  });

  it('requires exactly one argument', () => {
    expect(() => parseBridgeArguments(ipcChannels.saveFile, saveFileRequestSchema, [])).toThrow('expected 1 argument, received 0');
    expect(() => parseBridgeArguments(ipcChannels.saveFile, saveFileRequestSchema, [validSave, validSave])).toThrow('received 2');
  });

  it('rejects wrong types, naming the field', () => {
    expect(() => parseBridgeArguments(ipcChannels.saveFile, saveFileRequestSchema, [{ ...validSave, content: 42 }])).toThrow(
      /^Invalid request for firebreak:save-file: content: /,
    );
    expect(() => parseBridgeArguments(ipcChannels.saveFile, saveFileRequestSchema, ['incidents.json'])).toThrow(/request: /);
    expect(() => parseBridgeArguments(ipcChannels.saveFile, saveFileRequestSchema, [null])).toThrow(/Invalid request/);
    expect(() => parseBridgeArguments(ipcChannels.openFile, openFileRequestSchema, [{ title: 'Import', extensions: 'json' }])).toThrow(/extensions: /);
  });

  it('rejects unknown fields instead of stripping them', () => {
    expect(() => parseBridgeArguments(ipcChannels.saveFile, saveFileRequestSchema, [{ ...validSave, path: '/etc/passwd' }])).toThrow(/path/);
    expect(() => parseBridgeArguments(ipcChannels.showNotification, notificationRequestSchema, [{ title: 't', body: 'b', icon: 'x' }])).toThrow(/icon/);
  });

  it('rejects too-long strings and too many extensions', () => {
    expect(() => parseBridgeArguments(ipcChannels.saveFile, saveFileRequestSchema, [{ ...validSave, suggestedName: `${'a'.repeat(201)}.json` }])).toThrow(
      /suggestedName: /,
    );
    expect(() => parseBridgeArguments(ipcChannels.showNotification, notificationRequestSchema, [{ title: 't'.repeat(121), body: '' }])).toThrow(/title: /);
    expect(() => parseBridgeArguments(ipcChannels.showNotification, notificationRequestSchema, [{ title: 't', body: 'b'.repeat(501) }])).toThrow(/body: /);
    expect(() => parseBridgeArguments(ipcChannels.openFile, openFileRequestSchema, [{ title: 'Import', extensions: Array(11).fill('json') }])).toThrow(/extensions: /);
  });

  it.each(['../secrets.json', '/etc/passwd', 'C:\\Windows\\win.ini', 'reports/incidents.json', '..', '.'])('rejects a path as suggestedName: %s', (suggestedName) => {
    expect(() => parseBridgeArguments(ipcChannels.saveFile, saveFileRequestSchema, [{ ...validSave, suggestedName }])).toThrow(
      /suggestedName: The suggested name must not contain a path/,
    );
  });

  it('rejects extensions with dots or wildcards', () => {
    for (const extension of ['.json', '*', 'js on', '']) {
      expect(() => parseBridgeArguments(ipcChannels.openFile, openFileRequestSchema, [{ title: 'Import', extensions: [extension] }]), extension).toThrow(
        /extensions\.0: /,
      );
    }
  });
});

describe('dialog options', () => {
  it('offers the bare suggested name with the requested extensions', () => {
    expect(buildSaveDialogOptions({ suggestedName: 'report.md', content: '', extensions: ['md', 'txt'] })).toEqual({
      title: 'Save file',
      defaultPath: 'report.md',
      filters: [{ name: 'MD, TXT files', extensions: ['md', 'txt'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });

  it('opens exactly one file, never a directory or several', () => {
    const options = buildOpenDialogOptions({ title: 'Import incidents', extensions: ['json'] });
    expect(options.properties).toEqual(['openFile']);
    expect(options.title).toBe('Import incidents');
    expect(options.filters).toEqual([{ name: 'JSON files', extensions: ['json'] }]);
  });
});

function fakeServices(overrides: Partial<BridgeServices> = {}) {
  const calls = {
    save: [] as SaveDialogOptions[],
    open: [] as OpenDialogOptions[],
    writes: [] as Array<[string, string]>,
    reads: [] as Array<[string, number]>,
    notifications: [] as unknown[],
    pdfs: [] as unknown[],
    binaryWrites: [] as Array<[string, number]>,
  };
  const services: BridgeServices = {
    getAppInfo: () => ({ name: 'Firebreak', version: '0.1.0', platform: 'linux', electronVersion: '45.0.0' }),
    chooseSavePath: async (_event, options) => {
      calls.save.push(options);
      return '/home/u/Documents/incidents.json';
    },
    chooseOpenPath: async (_event, options) => {
      calls.open.push(options);
      return '/home/u/Downloads/import.json';
    },
    writeTextFile: async (filePath, content) => {
      calls.writes.push([filePath, content]);
    },
    readTextFileWithinLimit: async (filePath, maxBytes) => {
      calls.reads.push([filePath, maxBytes]);
      return { status: 'read', content: '{"incidents":[]}' };
    },
    showNotification: (request) => {
      calls.notifications.push(request);
    },
    allowSyncServer: async (serverUrl) => ({ changed: true, origin: new URL(serverUrl).origin }),
    printToPdf: async (_event, request) => {
      calls.pdfs.push(request);
      return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    },
    writeBinaryFile: async (filePath, content) => {
      calls.binaryWrites.push([filePath, content.length]);
    },
    ...overrides,
  };
  return { services, calls };
}

const event = {} as IpcMainInvokeEvent;

describe('createBridgeHandlers: savePageAsPdf', () => {
  it('prints the page, asks where to save it, and writes the PDF bytes there', async () => {
    const { services, calls } = fakeServices({ chooseSavePath: async (_event, options) => (calls.save.push(options), '/home/u/report.pdf') });
    const request = { suggestedName: 'incident-report-2026-11.pdf', pageSize: 'A4', landscape: false };
    await expect(createBridgeHandlers(services)[ipcChannels.savePageAsPdf](event, [request])).resolves.toEqual({ status: 'saved', fileName: 'report.pdf' });
    expect(calls.pdfs).toEqual([request]);
    expect(calls.save[0]).toMatchObject({ defaultPath: 'incident-report-2026-11.pdf', filters: [{ name: 'PDF files', extensions: ['pdf'] }] });
    expect(calls.binaryWrites).toEqual([['/home/u/report.pdf', 4]]);
  });

  it('writes nothing when the dialog is cancelled, and refuses bad requests before printing', async () => {
    const { services, calls } = fakeServices({ chooseSavePath: async () => null });
    const handler = createBridgeHandlers(services)[ipcChannels.savePageAsPdf];
    await expect(handler(event, [{ suggestedName: 'r.pdf', pageSize: 'A4', landscape: true }])).resolves.toEqual({ status: 'cancelled' });
    expect(calls.binaryWrites).toEqual([]);
    await expect(handler(event, [{ suggestedName: '../r.pdf', pageSize: 'A4', landscape: true }])).rejects.toThrow(/must not contain a path/);
    await expect(handler(event, [{ suggestedName: 'r.exe', pageSize: 'A4', landscape: true }])).rejects.toThrow(/must end in .pdf/);
    await expect(handler(event, [{ suggestedName: 'r.pdf', pageSize: 'A0', landscape: true }])).rejects.toThrow(/pageSize/);
    expect(calls.pdfs).toHaveLength(1);
  });
});

describe('createBridgeHandlers', () => {
  it('getAppInfo takes no arguments', async () => {
    const handlers = createBridgeHandlers(fakeServices().services);
    await expect(handlers[ipcChannels.getAppInfo](event, [])).resolves.toMatchObject({ name: 'Firebreak' });
    await expect(handlers[ipcChannels.getAppInfo](event, [{}])).rejects.toThrow('expected no arguments');
  });

  it('saveFile writes the content to the chosen path and returns only the file name', async () => {
    const { services, calls } = fakeServices();
    const result = await createBridgeHandlers(services)[ipcChannels.saveFile](event, [{ suggestedName: 'incidents.json', content: '[1]', extensions: ['json'] }]);
    expect(result).toEqual({ status: 'saved', fileName: 'incidents.json' });
    expect(calls.writes).toEqual([['/home/u/Documents/incidents.json', '[1]']]);
    expect(calls.save[0]?.defaultPath).toBe('incidents.json');
  });

  it('saveFile writes base64 content as bytes (chart images)', async () => {
    const { services, calls } = fakeServices();
    await createBridgeHandlers(services)[ipcChannels.saveFile](event, [{ suggestedName: 'chart.png', content: 'iVBORw0KGgo=', extensions: ['png'], encoding: 'base64' }]);
    expect(calls.binaryWrites).toEqual([['/home/u/Documents/incidents.json', 8]]);
    expect(calls.writes).toEqual([]);
  });

  it('saveFile writes nothing when cancelled', async () => {
    const { services, calls } = fakeServices({ chooseSavePath: async () => null });
    const result = await createBridgeHandlers(services)[ipcChannels.saveFile](event, [{ suggestedName: 'a.json', content: 'x', extensions: ['json'] }]);
    expect(result).toEqual({ status: 'cancelled' });
    expect(calls.writes).toEqual([]);
  });

  it('saveFile validates before showing any dialog', async () => {
    const { services, calls } = fakeServices();
    await expect(
      createBridgeHandlers(services)[ipcChannels.saveFile](event, [{ suggestedName: '../../.bashrc', content: 'x', extensions: ['json'] }]),
    ).rejects.toThrow(/must not contain a path/);
    expect(calls.save).toEqual([]);
  });

  it('openFile reads the chosen file within the bridge limit', async () => {
    const { services, calls } = fakeServices();
    const result = await createBridgeHandlers(services)[ipcChannels.openFile](event, [{ title: 'Import', extensions: ['json'] }]);
    expect(result).toEqual({ status: 'opened', fileName: 'import.json', content: '{"incidents":[]}' });
    expect(calls.reads).toEqual([['/home/u/Downloads/import.json', maxBridgeFileBytes]]);
  });

  it('openFile reports too-large files and cancellation', async () => {
    const tooLarge = fakeServices({ readTextFileWithinLimit: async () => ({ status: 'too-large', sizeBytes: maxBridgeFileBytes + 1 }) });
    await expect(createBridgeHandlers(tooLarge.services)[ipcChannels.openFile](event, [{ title: 'Import', extensions: ['json'] }])).resolves.toEqual({
      status: 'too-large',
      fileName: 'import.json',
      sizeBytes: maxBridgeFileBytes + 1,
    });
    const cancelled = fakeServices({ chooseOpenPath: async () => null });
    await expect(createBridgeHandlers(cancelled.services)[ipcChannels.openFile](event, [{ title: 'Import', extensions: ['json'] }])).resolves.toEqual({
      status: 'cancelled',
    });
    expect(cancelled.calls.reads).toEqual([]);
  });

  it('showNotification forwards a validated request', async () => {
    const { services, calls } = fakeServices();
    await createBridgeHandlers(services)[ipcChannels.showNotification](event, [{ title: 'P1 opened', body: 'Database down' }]);
    expect(calls.notifications).toEqual([{ title: 'P1 opened', body: 'Database down' }]);
    await expect(createBridgeHandlers(services)[ipcChannels.showNotification](event, [{ title: '', body: '' }])).rejects.toThrow(/title: /);
  });
});

describe('showNotification validation', () => {
  const channel = ipcChannels.showNotification;
  const parse = (...args: unknown[]) => parseBridgeArguments(channel, notificationRequestSchema, args);

  it('accepts a plain title and body, tabs and line breaks included', () => {
    expect(parse({ title: 'INC-2026-K7QF-0001 escalated', body: 'Rule "P1 response at risk":\tresponse clock at risk.\nOpen Firebreak.' })).toEqual({
      title: 'INC-2026-K7QF-0001 escalated',
      body: 'Rule "P1 response at risk":\tresponse clock at risk.\nOpen Firebreak.',
    });
    expect(parse({ title: 't'.repeat(120), body: 'b'.repeat(500) }).title).toHaveLength(120);
  });

  it.each([
    [[{ title: '   ', body: '' }], /title: A notification needs a title/],
    [[{ title: 'Escalated\u0007', body: '' }], /title: Notification text must not contain control characters/],
    [[{ title: 'Escalated', body: 'line\rreturn\u001b[31m' }], /body: Notification text must not contain control characters/],
    [[{ title: 'Escalated' }], /body: /],
    [[{ title: 42, body: 'x' }], /title: /],
    [[{ title: 'Escalated', body: 'x', silent: true }], /silent/],
    [['Escalated'], /request: /],
    [[], /expected 1 argument, received 0/],
    [[{ title: 'a', body: 'b' }, { title: 'c', body: 'd' }], /received 2/],
  ])('rejects %j', (args, message) => {
    expect(() => parse(...args)).toThrow(message);
  });

  it('shows nothing for a rejected request', async () => {
    const { services, calls } = fakeServices();
    await expect(createBridgeHandlers(services)[channel](event, [{ title: 'Escalated', body: 'x', icon: '/etc/passwd' }])).rejects.toThrow(/icon/);
    expect(calls.notifications).toEqual([]);
  });
});

describe('registerIpcHandlers', () => {
  type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

  function register() {
    const handlers = new Map<string, Handler>();
    const ipcMain = { handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)) };
    const { services, calls } = fakeServices();
    registerIpcHandlers(ipcMain as unknown as Pick<IpcMain, 'handle'>, services, packagedTrustedOrigins);
    return { handlers, calls };
  }

  function eventFrom(url: string | null, isMainFrame = true) {
    const mainFrame = { url: url ?? '' };
    const senderFrame = url === null ? null : isMainFrame ? mainFrame : { url };
    return { senderFrame, sender: { mainFrame } };
  }

  it('registers exactly one handler per bridge channel', () => {
    expect([...register().handlers.keys()].sort()).toEqual(Object.values(ipcChannels).sort());
  });

  it('runs the handler for the app frame', async () => {
    const { handlers } = register();
    await expect(handlers.get(ipcChannels.getAppInfo)?.(eventFrom('app://firebreak/'))).resolves.toMatchObject({ name: 'Firebreak' });
  });

  it('checks the sender before validating or doing anything', async () => {
    const { handlers, calls } = register();
    const foreign = eventFrom('https://evil.example/');
    for (const channel of Object.values(ipcChannels)) {
      // Even a malformed request from a foreign sender fails on the sender, not the arguments.
      await expect(handlers.get(channel)?.(foreign, 'garbage'), channel).rejects.toThrow(/not the Firebreak app/);
    }
    await expect(handlers.get(ipcChannels.saveFile)?.(eventFrom('app://firebreak/', false), { suggestedName: 'a.json', content: 'x', extensions: ['json'] })).rejects.toThrow(
      /main frame/,
    );
    await expect(handlers.get(ipcChannels.showNotification)?.(eventFrom(null), { title: 't', body: 'b' })).rejects.toThrow(/no longer exists/);
    expect(calls.save).toEqual([]);
    expect(calls.writes).toEqual([]);
    expect(calls.notifications).toEqual([]);
  });
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../../../electron/main/appProtocol';
import { createBridgeHandlers, type BridgeServices } from '../../../electron/main/ipcHandlers';
import { SyncServerOriginSetting, syncServerOriginOf } from '../../../electron/main/syncServerOrigin';
import { ipcChannels } from '../../../shared/ipc/ipcChannels';

function memoryFile(initial: string | null = null) {
  let content = initial;
  return { read: async () => content, write: async (next: string) => void (content = next), peek: () => content };
}

describe('the allowed team server', () => {
  it('keeps only the origin of an http(s) address and refuses anything else', () => {
    expect(syncServerOriginOf('https://sync.example.org:8443/some/path?x=1')).toBe('https://sync.example.org:8443');
    expect(syncServerOriginOf('http://127.0.0.1:4780')).toBe('http://127.0.0.1:4780');
    expect(() => syncServerOriginOf('javascript:alert(1)')).toThrow(/https/);
    expect(() => syncServerOriginOf('file:///etc/passwd')).toThrow(/https/);
    expect(() => syncServerOriginOf('https://user:secret@sync.example.org')).toThrow(/user name or password/);
    expect(() => syncServerOriginOf('not a url')).toThrow(/Not a server address/);
  });

  it('persists the choice, says when the window must reload, and survives a damaged file', async () => {
    const file = memoryFile();
    const setting = new SyncServerOriginSetting(file);
    await setting.load();
    expect(setting.current()).toBeNull();
    expect(await setting.allow('https://sync.example.org/')).toEqual({ changed: true, origin: 'https://sync.example.org' });
    expect(await setting.allow('https://sync.example.org/other')).toEqual({ changed: false, origin: 'https://sync.example.org' });
    const reloaded = new SyncServerOriginSetting(file);
    await reloaded.load();
    expect(reloaded.current()).toBe('https://sync.example.org');
    const damaged = new SyncServerOriginSetting(memoryFile('{not json'));
    await damaged.load();
    expect(damaged.current()).toBeNull();
  });

  it('puts that origin, and only it, into connect-src', () => {
    const policy = buildContentSecurityPolicy({ syncServerOrigin: 'https://sync.example.org' });
    expect(policy).toMatch(/connect-src 'self' https:\/\/sync\.example\.org(;|$)/);
    expect(buildContentSecurityPolicy()).toMatch(/connect-src 'self'(;|$)/);
  });

  it('the bridge handler validates its argument and reports whether a reload is needed', async () => {
    const file = memoryFile();
    const setting = new SyncServerOriginSetting(file);
    const handlers = createBridgeHandlers({ allowSyncServer: (url: string) => setting.allow(url) } as unknown as BridgeServices);
    const handler = handlers[ipcChannels.allowSyncServer];
    const event = {} as never;
    await expect(handler(event, [{ serverUrl: 'https://sync.example.org' }])).resolves.toEqual({ status: 'allowed', origin: 'https://sync.example.org' });
    await expect(handler(event, [{ serverUrl: 'https://sync.example.org' }])).resolves.toEqual({ status: 'already-allowed', origin: 'https://sync.example.org' });
    await expect(handler(event, [{ serverUrl: 'https://x.example', extra: true }])).rejects.toThrow(/Invalid request/);
    await expect(handler(event, [{ serverUrl: 'ftp://x.example' }])).rejects.toThrow(/https/);
    expect(file.peek()).toBe(JSON.stringify({ syncServerOrigin: 'https://sync.example.org' }));
  });
});

// @vitest-environment node
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { desktopBridgeGlobalName, ipcChannels } from '../../../shared/ipc/ipcChannels';

// The real 'electron' package cannot load without its binary; the preload only needs these two.
const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (...args: unknown[]) => args), send: vi.fn(), on: vi.fn() },
}));
vi.mock('electron', () => electron);

let exposedName: unknown;
let bridge: Record<string, (...args: unknown[]) => Promise<unknown>>;

beforeAll(async () => {
  await import('../../../electron/preload/index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  [exposedName, bridge] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [unknown, typeof bridge];
});

describe('preload', () => {
  it('exposes exactly the bridge methods under the contract name', () => {
    expect(exposedName).toBe(desktopBridgeGlobalName);
    expect(Object.keys(bridge).sort()).toEqual(['allowSyncServer', 'getAppInfo', 'openFile', 'saveFile', 'savePageAsPdf', 'showNotification']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('never exposes ipcRenderer or its methods', () => {
    for (const value of Object.values(bridge)) {
      expect(value).not.toBe(electron.ipcRenderer.invoke);
      expect(value).not.toBe(electron.ipcRenderer.send);
    }
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer);
  });

  it('forwards each method to its own channel with only the request', async () => {
    electron.ipcRenderer.invoke.mockClear();
    await bridge['getAppInfo']?.('ignored');
    await bridge['saveFile']?.({ suggestedName: 'a.json' }, 'extra');
    await bridge['openFile']?.({ title: 'Import' });
    await bridge['showNotification']?.({ title: 't', body: 'b' });
    await bridge['allowSyncServer']?.({ serverUrl: 'https://team.example' }, 'extra');
    await bridge['savePageAsPdf']?.({ suggestedName: 'r.pdf' });
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [ipcChannels.getAppInfo],
      [ipcChannels.saveFile, { suggestedName: 'a.json' }],
      [ipcChannels.openFile, { title: 'Import' }],
      [ipcChannels.showNotification, { title: 't', body: 'b' }],
      [ipcChannels.allowSyncServer, { serverUrl: 'https://team.example' }],
      [ipcChannels.savePageAsPdf, { suggestedName: 'r.pdf' }],
    ]);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });
});

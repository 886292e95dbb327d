// @vitest-environment node
// Checks that electron/main/index.ts wires the pure modules to Electron in the right order. The
// real 'electron' package cannot load without its binary, so it is replaced by a recording fake.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../../shared/ipc/ipcChannels';

type Recorded = { name: string; args: unknown[] };

const fake = vi.hoisted(() => {
  const log: Recorded[] = [];
  const record =
    (name: string, result?: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      log.push({ name, args });
      return result?.(...args);
    };
  const state = { gotLock: true, isPackaged: true, ready: Promise.resolve() };
  class BrowserWindow {
    static instances: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.instances;
    static fromWebContents = () => null;
    readonly options: unknown;
    readonly loadURL = vi.fn(async () => undefined);
    readonly once = vi.fn();
    readonly on = vi.fn();
    constructor(options: unknown) {
      log.push({ name: 'new BrowserWindow', args: [options] });
      this.options = options;
      BrowserWindow.instances.push(this);
    }
  }
  const electron = {
    app: {
      get isPackaged() {
        return state.isPackaged;
      },
      enableSandbox: record('app.enableSandbox'),
      requestSingleInstanceLock: record('app.requestSingleInstanceLock', () => state.gotLock),
      quit: record('app.quit'),
      on: record('app.on'),
      whenReady: () => {
        log.push({ name: 'app.whenReady', args: [] });
        return state.ready;
      },
      getName: () => 'Firebreak',
      getVersion: () => '0.1.0',
      setAboutPanelOptions: record('app.setAboutPanelOptions'),
      showAboutPanel: record('app.showAboutPanel'),
    },
    protocol: { registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'), handle: record('protocol.handle') },
    session: {
      defaultSession: {
        setPermissionRequestHandler: record('session.setPermissionRequestHandler'),
        setPermissionCheckHandler: record('session.setPermissionCheckHandler'),
        setDevicePermissionHandler: record('session.setDevicePermissionHandler'),
        webRequest: { onHeadersReceived: record('session.webRequest.onHeadersReceived') },
      },
    },
    ipcMain: { handle: record('ipcMain.handle') },
    Menu: { buildFromTemplate: record('Menu.buildFromTemplate', (template) => ({ template })), setApplicationMenu: record('Menu.setApplicationMenu') },
    shell: { openExternal: record('shell.openExternal', async () => undefined) },
    dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
    Notification: Object.assign(vi.fn(), { isSupported: () => false }),
    BrowserWindow,
  };
  return { log, state, electron, BrowserWindow };
});
vi.mock('electron', () => fake.electron);

const names = () => fake.log.map((entry) => entry.name);
const calls = (name: string) => fake.log.filter((entry) => entry.name === name);

async function loadMain(): Promise<void> {
  await import('../../../electron/main/index');
  // Let the whenReady().then(...) continuation run.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  vi.resetModules();
  fake.log.length = 0;
  fake.BrowserWindow.instances.length = 0;
  fake.state.gotLock = true;
  fake.state.isPackaged = true;
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('electron/main/index.ts', () => {
  it('enables the sandbox and registers the app scheme before waiting for ready', async () => {
    await loadMain();
    const order = names();
    expect(order.indexOf('app.enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('app.enableSandbox')).toBeLessThan(order.indexOf('app.whenReady'));
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(order.indexOf('app.whenReady'));
    expect(calls('protocol.registerSchemesAsPrivileged')[0]?.args[0]).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }),
    ]);
  });

  it('after ready: serves app://, installs permission and CSP handlers, registers the four IPC channels, then opens the window', async () => {
    await loadMain();
    expect(calls('protocol.handle').map((entry) => entry.args[0])).toEqual(['app']);
    expect(calls('session.setPermissionRequestHandler')).toHaveLength(1);
    expect(calls('session.setPermissionCheckHandler')).toHaveLength(1);
    expect(calls('session.webRequest.onHeadersReceived')).toHaveLength(1);
    expect(calls('ipcMain.handle').map((entry) => entry.args[0]).sort()).toEqual(Object.values(ipcChannels).sort());
    expect(calls('Menu.setApplicationMenu')).toHaveLength(1);
    // Guards are attached to every WebContents as it is created.
    expect(calls('app.on').map((entry) => entry.args[0])).toEqual(expect.arrayContaining(['web-contents-created', 'second-instance', 'window-all-closed']));

    const order = names();
    expect(order.indexOf('ipcMain.handle')).toBeLessThan(order.indexOf('new BrowserWindow'));
    expect(order.indexOf('session.setPermissionRequestHandler')).toBeLessThan(order.indexOf('new BrowserWindow'));

    const [window] = fake.BrowserWindow.instances;
    const options = window?.options as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(String(options.webPreferences['preload'])).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window?.loadURL).toHaveBeenCalledWith('app://firebreak/');
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged build', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    await loadMain();
    expect(fake.BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('app://firebreak/');
  });

  it('loads the dev server when unpackaged and ELECTRON_RENDERER_URL is set', async () => {
    fake.state.isPackaged = false;
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
    await loadMain();
    expect(fake.BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('quits without wiring anything when another instance holds the lock', async () => {
    fake.state.gotLock = false;
    await loadMain();
    expect(names()).toContain('app.quit');
    expect(calls('ipcMain.handle')).toEqual([]);
    expect(calls('app.whenReady')).toEqual([]);
    expect(fake.BrowserWindow.instances).toEqual([]);
  });
});

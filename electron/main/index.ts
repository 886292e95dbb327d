/**
 * Electron main entry: wiring only. Every decision lives in the pure modules next to this file
 * (and is unit-tested there); this file connects them to Electron's objects.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, session, shell } from 'electron';
import { appEntryUrl, appScheme, devServerOriginFrom, type TrustedOrigins } from './appOrigin';
import { appSchemePrivileges, buildContentSecurityPolicy, createAppProtocolHandler, withContentSecurityPolicy } from './appProtocol';
import { readTextFileWithinLimit, writeBinaryFile, writeTextFile } from './fileAccess';
import { registerIpcHandlers, type BridgeServices } from './ipcHandlers';
import { buildMenuTemplate } from './menu';
import { applyNavigationGuards } from './navigationGuard';
import { applyPermissionHandlers } from './permissions';
import { SyncServerOriginSetting } from './syncServerOrigin';
import { buildWindowOptions } from './windowOptions';

// The built layout is out/main/index.js, out/preload/index.cjs and out/renderer/.
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const rendererRoot = join(import.meta.dirname, '../renderer');

// electron-vite sets ELECTRON_RENDERER_URL only for `electron-vite dev`. A packaged app ignores it,
// so an environment variable can never point a shipped build at another origin.
const devServerOrigin = app.isPackaged ? null : devServerOriginFrom(process.env['ELECTRON_RENDERER_URL']);
const trusted: TrustedOrigins = { devServerOrigin };

// Both must happen before 'ready': the sandbox applies to every renderer, and privileges cannot be
// granted to a scheme afterwards (IndexedDB would not work on app://).
app.enableSandbox();
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

let mainWindow: BrowserWindow | null = null;

// The team server the renderer may connect to (CSP connect-src), saved in the user data folder.
const syncServerSetting = new SyncServerOriginSetting({
  read: () => readFile(join(app.getPath('userData'), 'desktop-settings.json'), 'utf8').catch(() => null),
  write: (content) => writeFile(join(app.getPath('userData'), 'desktop-settings.json'), content, 'utf8'),
});
const currentContentSecurityPolicy = () => buildContentSecurityPolicy({ syncServerOrigin: syncServerSetting.current() });

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(buildWindowOptions({ preloadPath, allowDevTools: !app.isPackaged }));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  const entryUrl = devServerOrigin === null ? appEntryUrl : (process.env['ELECTRON_RENDERER_URL'] ?? appEntryUrl);
  void window.loadURL(entryUrl);
  return window;
}

const bridgeServices: BridgeServices = {
  getAppInfo: () => ({
    name: app.getName(),
    version: app.getVersion(),
    platform: process.platform,
    electronVersion: process.versions.electron ?? 'unknown',
  }),
  chooseSavePath: async (event, options) => {
    const owner = BrowserWindow.fromWebContents(event.sender);
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  chooseOpenPath: async (event, options) => {
    const owner = BrowserWindow.fromWebContents(event.sender);
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  writeTextFile,
  readTextFileWithinLimit,
  showNotification: (request) => {
    if (Notification.isSupported()) new Notification({ title: request.title, body: request.body }).show();
  },
  allowSyncServer: (serverUrl) => syncServerSetting.allow(serverUrl),
  printToPdf: (event, request) => event.sender.printToPDF({ pageSize: request.pageSize, landscape: request.landscape, printBackground: true }),
  writeBinaryFile,
};

function start(): void {
  // Guards go on every WebContents the moment it exists, before it can navigate anywhere.
  app.on('web-contents-created', (_event, contents) => {
    applyNavigationGuards(contents, {
      trusted,
      openExternal: (url) => shell.openExternal(url),
      onBlocked: (kind, url) => console.warn(`[firebreak] blocked ${kind}${url ? `: ${url}` : ''}`),
    });
  });

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(async () => {
    await syncServerSetting.load();
    app.setAboutPanelOptions({ applicationName: 'Firebreak', applicationVersion: app.getVersion() });

    protocol.handle(appScheme, createAppProtocolHandler({ rootDir: rendererRoot, readFile, contentSecurityPolicy: currentContentSecurityPolicy }));
    applyPermissionHandlers(session.defaultSession, trusted);
    // The protocol handler already sends the CSP; this also covers any app:// response that does
    // not come from it. No URL filter: Chromium rejects filter patterns with custom schemes.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: withContentSecurityPolicy(details.url, details.responseHeaders, currentContentSecurityPolicy()) });
    });

    registerIpcHandlers(ipcMain, bridgeServices, trusted);

    const isMac = process.platform === 'darwin';
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ isMac, isPackaged: app.isPackaged, showAbout: () => app.showAboutPanel() })));

    mainWindow = createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    });
  });
}

// A second copy would open the same IndexedDB from two renderers; hand focus to the first instead.
if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}

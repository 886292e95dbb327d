/**
 * The sandboxed preload: exposes exactly the bridge methods on window.firebreakDesktop.
 *
 * It runs with sandbox: true, where require() only reaches a few Electron modules, so it is built
 * into one CommonJS file and imports nothing at runtime but 'electron' and the zod-free channel
 * names. ipcRenderer itself is never exposed: each method forwards to one fixed channel, and main
 * validates the sender and the arguments.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopBridge } from '../../shared/ipc/desktopBridge';
import { desktopBridgeGlobalName, ipcChannels } from '../../shared/ipc/ipcChannels';

const desktopBridge: DesktopBridge = {
  getAppInfo: () => ipcRenderer.invoke(ipcChannels.getAppInfo),
  saveFile: (request) => ipcRenderer.invoke(ipcChannels.saveFile, request),
  openFile: (request) => ipcRenderer.invoke(ipcChannels.openFile, request),
  showNotification: (request) => ipcRenderer.invoke(ipcChannels.showNotification, request),
  allowSyncServer: (request) => ipcRenderer.invoke(ipcChannels.allowSyncServer, request),
  savePageAsPdf: (request) => ipcRenderer.invoke(ipcChannels.savePageAsPdf, request),
};

contextBridge.exposeInMainWorld(desktopBridgeGlobalName, desktopBridge);

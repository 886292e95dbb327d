/**
 * IPC channel names and the bridge's global name, kept apart from desktopBridge.ts on purpose:
 * the sandboxed preload is bundled into one file and must not pull in zod (or anything else)
 * just to learn a few strings. This module therefore imports nothing.
 */

/** One channel per bridge method; main registers exactly these with ipcMain.handle. */
export const ipcChannels = {
  getAppInfo: 'firebreak:get-app-info',
  saveFile: 'firebreak:save-file',
  openFile: 'firebreak:open-file',
  showNotification: 'firebreak:show-notification',
  allowSyncServer: 'firebreak:allow-sync-server',
  savePageAsPdf: 'firebreak:save-page-as-pdf',
} as const;

export type IpcChannel = (typeof ipcChannels)[keyof typeof ipcChannels];

/** Name of the global the preload defines with contextBridge.exposeInMainWorld. */
export const desktopBridgeGlobalName = 'firebreakDesktop';

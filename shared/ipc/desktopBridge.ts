/**
 * The contract between the renderer and the Electron main process.
 *
 * The preload forwards exactly these methods, one IPC channel each; main validates every
 * argument with the schemas below and checks the sender before doing anything. The renderer
 * reaches the bridge only through renderer/platform/, which falls back to browser APIs when the
 * bridge is absent (the web build).
 */
import { z } from 'zod';

// The channel names and the global's name live in ./ipcChannels (no zod, so the sandboxed preload
// can bundle them cheaply). Re-exported here so existing imports of this contract keep working.
export { desktopBridgeGlobalName, ipcChannels } from './ipcChannels';
export type { IpcChannel } from './ipcChannels';

/** Largest file the desktop bridge will read or write, in bytes. Import files are JSON text. */
export const maxBridgeFileBytes = 256 * 1024 * 1024;

export type AppInfo = {
  name: string;
  version: string;
  platform: string;
  electronVersion: string;
};

const fileExtension = z
  .string()
  .regex(/^[a-z0-9]{1,10}$/i, 'A file extension is 1 to 10 letters or digits, without the dot');

/** File name offered in a save dialog; a bare name, never a path. */
const suggestedFileName = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[\\/]/.test(name) && name !== '..' && name !== '.', 'The suggested name must not contain a path');

export const saveFileRequestSchema = z.strictObject({
  suggestedName: suggestedFileName,
  content: z.string().max(maxBridgeFileBytes),
  extensions: z.array(fileExtension).min(1).max(10),
  /** 'base64' for binary files (chart images); text otherwise. */
  encoding: z.enum(['utf8', 'base64']).optional(),
});
export type SaveFileRequest = z.infer<typeof saveFileRequestSchema>;
export type SaveFileResult = { status: 'saved'; fileName: string } | { status: 'cancelled' };

export const openFileRequestSchema = z.strictObject({
  title: z.string().min(1).max(200),
  extensions: z.array(fileExtension).min(1).max(10),
});
export type OpenFileRequest = z.infer<typeof openFileRequestSchema>;
export type OpenFileResult =
  | { status: 'opened'; fileName: string; content: string }
  | { status: 'cancelled' }
  | { status: 'too-large'; fileName: string; sizeBytes: number };

// Control characters have no place in a notification and can garble how a desktop shows it.
const notificationText = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .refine((text) => ![...text].some(isControlCharacter), 'Notification text must not contain control characters');

/** C0 controls and DEL, except tab and line feed. */
function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return (code < 0x20 && character !== '\t' && character !== '\n') || code === 0x7f;
}

/** An OS notification: plain text only. Keep incident details out of it (ux.md: lock screens show it). */
export const notificationRequestSchema = z.strictObject({
  title: notificationText(120).refine((title) => title.trim() !== '', 'A notification needs a title'),
  body: notificationText(500),
});
export type NotificationRequest = z.infer<typeof notificationRequestSchema>;

export const allowSyncServerRequestSchema = z.strictObject({
  /** The team server's address; only its origin (scheme, host, port) is allowed. */
  serverUrl: z.string().min(1).max(2000),
});
export type AllowSyncServerRequest = z.infer<typeof allowSyncServerRequestSchema>;
/** 'allowed' means the window must reload before the new Content-Security-Policy applies. */
export type AllowSyncServerResult = { status: 'already-allowed' | 'allowed'; origin: string };

/** Prints the calling window (with its print stylesheet) to a PDF file the user chooses. */
export const savePageAsPdfRequestSchema = z.strictObject({
  suggestedName: suggestedFileName.refine((name) => name.toLowerCase().endsWith('.pdf'), 'The suggested name must end in .pdf'),
  pageSize: z.enum(['A4', 'Letter']),
  landscape: z.boolean(),
});
export type SavePageAsPdfRequest = z.infer<typeof savePageAsPdfRequestSchema>;

/** What the preload exposes on `window.firebreakDesktop`. */
export type DesktopBridge = {
  getAppInfo(): Promise<AppInfo>;
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  openFile(request: OpenFileRequest): Promise<OpenFileResult>;
  showNotification(request: NotificationRequest): Promise<void>;
  /** Lets the app's CSP (connect-src) reach the configured team server, and only that one. */
  allowSyncServer(request: AllowSyncServerRequest): Promise<AllowSyncServerResult>;
  /** Saves the current page as a PDF (printable reports); the browser build prints instead. */
  savePageAsPdf(request: SavePageAsPdfRequest): Promise<SaveFileResult>;
};

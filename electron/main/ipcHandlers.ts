/**
 * Main-process side of the desktop bridge: one ipcMain.handle per channel in shared/ipc.
 *
 * Every call is checked in the same order before anything happens:
 *   1. the sender is the app's own top-level frame (assertTrustedSender),
 *   2. the arguments match the contract's zod schema exactly (parseBridgeArguments),
 * and only then reaches a service. Services (dialogs, fs, notifications) are injected, so all of
 * this runs in unit tests without Electron.
 */
import { basename } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { z } from 'zod';
import {
  allowSyncServerRequestSchema,
  maxBridgeFileBytes,
  notificationRequestSchema,
  openFileRequestSchema,
  saveFileRequestSchema,
  savePageAsPdfRequestSchema,
  type AllowSyncServerResult,
  type AppInfo,
  type NotificationRequest,
  type OpenFileRequest,
  type OpenFileResult,
  type SaveFileRequest,
  type SaveFileResult,
  type SavePageAsPdfRequest,
} from '../../shared/ipc/desktopBridge';
import { ipcChannels, type IpcChannel } from '../../shared/ipc/ipcChannels';
import { isTrustedAppUrl, type TrustedOrigins } from './appOrigin';
import type { ReadTextFileResult } from './fileAccess';

/** What the sender check needs to know about the frame that called. */
export type IpcSenderFrame = {
  /** URL of the calling frame, or null when the frame is gone (navigated or destroyed). */
  url: string | null;
  /** Whether the calling frame is the window's top-level frame. */
  isMainFrame: boolean;
};

/** Extracts the sender facts from an Electron invoke event. */
export function senderFrameOf(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): IpcSenderFrame {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return { url: null, isMainFrame: false };
  return { url: frame.url, isMainFrame: frame === event.sender.mainFrame };
}

/**
 * Throws unless the call comes from the app's top-level frame. Subframes are refused too: the app
 * has none, so a subframe caller can only be content that should not hold the bridge.
 */
export function assertTrustedSender(channel: IpcChannel, sender: IpcSenderFrame, trusted: TrustedOrigins): void {
  if (sender.url === null) throw new Error(`${channel}: rejected, the calling frame no longer exists`);
  if (!sender.isMainFrame) throw new Error(`${channel}: rejected, only the app's main frame may call the desktop bridge`);
  if (!isTrustedAppUrl(sender.url, trusted)) throw new Error(`${channel}: rejected, the sender is not the Firebreak app`);
}

/** Formats zod issues as "field: problem; field: problem" for an Error a developer can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length === 0 ? 'request' : issue.path.map(String).join('.');
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Validates the raw invoke arguments against a channel's schema: exactly one argument that the
 * schema accepts (strict objects, so unknown fields are rejected, not stripped).
 */
export function parseBridgeArguments<T>(channel: IpcChannel, schema: z.ZodType<T>, args: readonly unknown[]): T {
  if (args.length !== 1) throw new Error(`Invalid request for ${channel}: expected 1 argument, received ${args.length}`);
  const result = schema.safeParse(args[0]);
  if (!result.success) throw new Error(`Invalid request for ${channel}: ${describeIssues(result.error)}`);
  return result.data;
}

/** Validates a channel that takes no arguments. */
export function parseNoArguments(channel: IpcChannel, args: readonly unknown[]): void {
  if (args.length !== 0) throw new Error(`Invalid request for ${channel}: expected no arguments, received ${args.length}`);
}

function filterName(extensions: readonly string[]): string {
  return `${extensions.map((extension) => extension.toUpperCase()).join(', ')} files`;
}

/** Save dialog options for a validated request; the suggested name is a bare file name. */
export function buildSaveDialogOptions(request: SaveFileRequest): SaveDialogOptions {
  return {
    title: 'Save file',
    defaultPath: request.suggestedName,
    filters: [{ name: filterName(request.extensions), extensions: [...request.extensions] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** Open dialog options for a validated request: exactly one existing file. */
export function buildOpenDialogOptions(request: OpenFileRequest): OpenDialogOptions {
  return {
    title: request.title,
    filters: [{ name: filterName(request.extensions), extensions: [...request.extensions] }],
    properties: ['openFile'],
  };
}

/**
 * The side effects behind the bridge, injected by index.ts (real Electron) or by tests (fakes).
 * Dialog functions get the invoke event so they can parent the dialog to the calling window.
 */
export type BridgeServices = {
  getAppInfo(): AppInfo;
  /** Shows the save dialog; resolves to the chosen path, or null when cancelled. */
  chooseSavePath(event: IpcMainInvokeEvent, options: SaveDialogOptions): Promise<string | null>;
  /** Shows the open dialog; resolves to the chosen path, or null when cancelled. */
  chooseOpenPath(event: IpcMainInvokeEvent, options: OpenDialogOptions): Promise<string | null>;
  writeTextFile(filePath: string, content: string): Promise<void>;
  readTextFileWithinLimit(filePath: string, maxBytes: number): Promise<ReadTextFileResult>;
  /** Shows an OS notification; does nothing where notifications are unsupported. */
  showNotification(request: NotificationRequest): void;
  /** Allows the CSP to reach this team server; `changed` when the window must reload. */
  allowSyncServer(serverUrl: string): Promise<{ changed: boolean; origin: string }>;
  /** Renders the calling window to PDF bytes (webContents.printToPDF). */
  printToPdf(event: IpcMainInvokeEvent, request: SavePageAsPdfRequest): Promise<Uint8Array>;
  writeBinaryFile(filePath: string, content: Uint8Array): Promise<void>;
};

type BridgeHandler = (event: IpcMainInvokeEvent, args: readonly unknown[]) => Promise<unknown>;

/**
 * The per-channel logic, after the sender check. Exported for tests; index.ts uses
 * registerIpcHandlers, which adds the sender check in front of each.
 */
export function createBridgeHandlers(services: BridgeServices): Record<IpcChannel, BridgeHandler> {
  return {
    [ipcChannels.getAppInfo]: async (_event, args): Promise<AppInfo> => {
      parseNoArguments(ipcChannels.getAppInfo, args);
      return services.getAppInfo();
    },

    [ipcChannels.saveFile]: async (event, args): Promise<SaveFileResult> => {
      const request = parseBridgeArguments(ipcChannels.saveFile, saveFileRequestSchema, args);
      const filePath = await services.chooseSavePath(event, buildSaveDialogOptions(request));
      if (filePath === null) return { status: 'cancelled' };
      if (request.encoding === 'base64') await services.writeBinaryFile(filePath, Buffer.from(request.content, 'base64'));
      else await services.writeTextFile(filePath, request.content);
      // Only the name goes back: the renderer has no use for (and should not learn) local paths.
      return { status: 'saved', fileName: basename(filePath) };
    },

    [ipcChannels.openFile]: async (event, args): Promise<OpenFileResult> => {
      const request = parseBridgeArguments(ipcChannels.openFile, openFileRequestSchema, args);
      const filePath = await services.chooseOpenPath(event, buildOpenDialogOptions(request));
      if (filePath === null) return { status: 'cancelled' };
      const fileName = basename(filePath);
      const read = await services.readTextFileWithinLimit(filePath, maxBridgeFileBytes);
      if (read.status === 'too-large') return { status: 'too-large', fileName, sizeBytes: read.sizeBytes };
      return { status: 'opened', fileName, content: read.content };
    },

    [ipcChannels.showNotification]: async (_event, args): Promise<void> => {
      const request = parseBridgeArguments(ipcChannels.showNotification, notificationRequestSchema, args);
      services.showNotification(request);
    },

    [ipcChannels.allowSyncServer]: async (_event, args): Promise<AllowSyncServerResult> => {
      const request = parseBridgeArguments(ipcChannels.allowSyncServer, allowSyncServerRequestSchema, args);
      const result = await services.allowSyncServer(request.serverUrl);
      return { status: result.changed ? 'allowed' : 'already-allowed', origin: result.origin };
    },

    [ipcChannels.savePageAsPdf]: async (event, args): Promise<SaveFileResult> => {
      const request = parseBridgeArguments(ipcChannels.savePageAsPdf, savePageAsPdfRequestSchema, args);
      // Print first: the dialog would otherwise be what the page shows while printing.
      const pdf = await services.printToPdf(event, request);
      const filePath = await services.chooseSavePath(event, buildSaveDialogOptions({ suggestedName: request.suggestedName, content: '', extensions: ['pdf'] }));
      if (filePath === null) return { status: 'cancelled' };
      await services.writeBinaryFile(filePath, pdf);
      return { status: 'saved', fileName: basename(filePath) };
    },
  };
}

/**
 * Registers one ipcMain.handle per bridge channel, each checking the sender before anything else.
 * Rejections reach the renderer as a rejected promise carrying the Error message.
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, services: BridgeServices, trusted: TrustedOrigins): void {
  const handlers = createBridgeHandlers(services);
  for (const channel of Object.values(ipcChannels)) {
    const handler = handlers[channel];
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      assertTrustedSender(channel, senderFrameOf(event), trusted);
      return handler(event, args);
    });
  }
}

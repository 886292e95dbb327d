/**
 * Options for every Firebreak BrowserWindow, built in one place so the hardening can be tested
 * flag by flag (Electron security checklist). index.ts must not add or override webPreferences.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export type WindowOptionsInput = {
  /** Absolute path of the bundled preload (out/preload/index.cjs). */
  preloadPath: string;
  /** DevTools are available only in unpackaged builds. */
  allowDevTools: boolean;
};

/** Matches the renderer's dark background so the window never flashes white while loading. */
export const windowBackgroundColor = '#111418';

/**
 * Builds the BrowserWindow options. The window starts hidden; show it on 'ready-to-show'.
 */
export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Firebreak',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    backgroundColor: windowBackgroundColor,
    // Shown on 'ready-to-show' to avoid a blank frame before the first paint.
    show: false,
    webPreferences: {
      preload: input.preloadPath,
      // The renderer is a web page: no Node, isolated from the preload, OS-sandboxed.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // Same-origin policy and mixed-content blocking stay on.
      webSecurity: true,
      allowRunningInsecureContent: false,
      // No embedded guest pages and no experimental Blink surface. enableBlinkFeatures is left
      // unset on purpose: setting it, even to '', is what the checklist warns against.
      webviewTag: false,
      experimentalFeatures: false,
      // Dropping a file on the window must not navigate away from the app (and lose state).
      navigateOnDragDrop: false,
      // A page cannot lock the user out with endless alert() loops.
      safeDialogs: true,
      // The spellchecker may download dictionaries from Google; the app is offline-first.
      spellcheck: false,
      devTools: input.allowDevTools,
    },
  };
}

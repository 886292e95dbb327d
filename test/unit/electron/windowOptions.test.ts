// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildWindowOptions } from '../../../electron/main/windowOptions';

describe('buildWindowOptions', () => {
  const options = buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs', allowDevTools: false });
  const prefs = options.webPreferences ?? {};

  it('isolates the renderer from Node and the preload', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and experimental surfaces off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    // Present-but-empty would still be a setting; the key must be absent.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('uses the given preload and exposes nothing else to the page', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
  });

  it('allows DevTools only when asked', () => {
    expect(prefs.devTools).toBe(false);
    expect(buildWindowOptions({ preloadPath: '/p.cjs', allowDevTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('starts hidden with a background colour and a usable minimum size', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.minWidth).toBeGreaterThanOrEqual(900);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? 0);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight ?? 0);
    expect(options.title).toBe('Firebreak');
  });

  it('returns a fresh object each call, so a caller cannot weaken the next window', () => {
    const first = buildWindowOptions({ preloadPath: '/p.cjs', allowDevTools: false });
    if (first.webPreferences) first.webPreferences.sandbox = false;
    expect(buildWindowOptions({ preloadPath: '/p.cjs', allowDevTools: false }).webPreferences?.sandbox).toBe(true);
  });
});

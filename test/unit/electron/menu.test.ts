// @vitest-environment node
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../../electron/main/menu';

function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

describe('buildMenuTemplate', () => {
  it('hides reload and DevTools in packaged builds', () => {
    const packaged = roles(buildMenuTemplate({ isMac: false, isPackaged: true, showAbout: vi.fn() }));
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
    expect(packaged).toEqual(expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'help']));
  });

  it('offers reload and DevTools while developing', () => {
    expect(roles(buildMenuTemplate({ isMac: false, isPackaged: false, showAbout: vi.fn() }))).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
  });

  it('uses the macOS app and window menus on macOS', () => {
    const mac = buildMenuTemplate({ isMac: true, isPackaged: true, showAbout: vi.fn() });
    expect(mac[0]?.role).toBe('appMenu');
    expect(roles(mac)).toContain('windowMenu');
    expect(roles(mac)).toContain('close');
    expect(roles(mac)).not.toContain('quit');
  });

  it('opens the About panel from Help', () => {
    const showAbout = vi.fn();
    const help = buildMenuTemplate({ isMac: false, isPackaged: true, showAbout }).find((item) => item.role === 'help');
    const about = Array.isArray(help?.submenu) ? help.submenu.find((item) => item.label === 'About Firebreak') : undefined;
    about?.click?.({} as never, undefined, {} as never);
    expect(showAbout).toHaveBeenCalledOnce();
  });
});

/**
 * The application menu: only what a desktop user expects (quit, clipboard editing, zoom, about),
 * with reload and DevTools only in unpackaged builds, where they help development and cannot be
 * used to poke at a user's data.
 */
import type { MenuItemConstructorOptions } from 'electron';

export type MenuTemplateInput = {
  isMac: boolean;
  isPackaged: boolean;
  /** Opens the About panel. */
  showAbout: () => void;
};

export function buildMenuTemplate(input: MenuTemplateInput): MenuItemConstructorOptions[] {
  const developerItems: MenuItemConstructorOptions[] = input.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];

  return [
    // macOS puts Quit, Hide and About in the app menu named after the application.
    ...(input.isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [input.isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [...developerItems, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    ...(input.isMac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    { role: 'help', submenu: [{ label: 'About Firebreak', click: () => input.showAbout() }] },
  ];
}

// The global the Electron preload defines (electron/preload/index.ts). Absent in the web build,
// hence optional. Only renderer/platform/ may read it.
import type { DesktopBridge } from '../../shared/ipc/desktopBridge';

declare global {
  // Declaration merging with the DOM Window type needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    firebreakDesktop?: DesktopBridge;
  }
}

export {};

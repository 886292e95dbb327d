/**
 * In the web build, registers the service worker that keeps the app shell for offline use.
 * Electron loads packaged files and needs none; the dev server must not be cached.
 */
import { getDesktopBridge } from './desktop';

export function registerOfflineCache(): void {
  if (!import.meta.env.PROD || getDesktopBridge() || !('serviceWorker' in navigator)) return;
  if (location.protocol !== 'https:' && location.hostname !== 'localhost' && location.hostname !== '127.0.0.1') return;
  navigator.serviceWorker.register('./offlineWorker.js', { scope: './' }).catch((error: unknown) => {
    console.warn('Offline use of the web build is unavailable: the service worker did not register.', error);
  });
}

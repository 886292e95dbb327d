import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createAppRouter } from './app/router';
import { getDataEnvironment } from './data/dataEnvironment';
import { startEscalationRunner } from './data/escalationRunner';
import { ensureDevice } from './data/writeTransaction';
import { showDesktopNotification } from './platform/notifications';
import { registerOfflineCache } from './platform/offlineCache';
import { startSyncIfSignedIn } from './sync/syncAccount';
import './styles.css';

function showStartupError(container: HTMLElement, error: unknown): void {
  // Plain DOM on purpose: React may be what failed. textContent keeps any message inert.
  const box = document.createElement('div');
  box.className = 'route-error';
  box.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = 'Firebreak could not open its local database';
  const detail = document.createElement('p');
  detail.textContent = `${error instanceof Error ? error.message : String(error)}. Nothing was changed. Check that this browser allows site storage (private windows may not), then reload.`;
  box.append(title, detail);
  container.replaceChildren(box);
}

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('The page has no #root element');
  registerOfflineCache();
  try {
    await ensureDevice(getDataEnvironment());
  } catch (error) {
    showStartupError(container, error);
    return;
  }
  // Once per app: the team's automatic escalation rules fire from here, whatever page is open.
  startEscalationRunner(getDataEnvironment(), { notify: showDesktopNotification });
  // Only when a server is configured and someone is signed in; otherwise everything stays local.
  void startSyncIfSignedIn().catch((error: unknown) => console.error('Sync did not start', error));
  createRoot(container).render(
    <StrictMode>
      <RouterProvider router={createAppRouter()} />
    </StrictMode>,
  );
}

void start();

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createAppRouter } from './app/router';
import { getDataEnvironment } from './data/dataEnvironment';
import { ensureDevice } from './data/writeTransaction';
import './styles.css';

async function start(): Promise<void> {
  await ensureDevice(getDataEnvironment());
  const container = document.getElementById('root');
  if (!container) throw new Error('The page has no #root element');
  createRoot(container).render(
    <StrictMode>
      <RouterProvider router={createAppRouter()} />
    </StrictMode>,
  );
}

void start();

// Starts the team sync server for the end-to-end tests on a fresh embedded database each run.
import { rmSync } from 'node:fs';
import { spawn } from 'node:child_process';

rmSync(process.env.FIREBREAK_DATA_DIR ?? 'test-results/e2e-sync-server', { recursive: true, force: true });
const server = spawn('npx', ['tsx', 'server/main.ts'], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

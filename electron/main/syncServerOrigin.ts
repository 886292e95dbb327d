/**
 * The one team server the app may connect to. Its origin goes into the app's CSP connect-src, so
 * the renderer can reach that server and nothing else. Kept in a small JSON file in the user data
 * folder; file access is injected so this module tests without Electron.
 */

/** The origin of an http(s) URL without credentials; throws a clear Error otherwise. */
export function syncServerOriginOf(serverUrl: string): string {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new Error(`Not a server address: "${serverUrl}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('A team server address starts with https:// (or http:// on a local network)');
  if (url.username || url.password) throw new Error('A team server address must not contain a user name or password');
  return url.origin;
}

export type SettingFile = {
  read(): Promise<string | null>;
  write(content: string): Promise<void>;
};

export class SyncServerOriginSetting {
  private origin: string | null = null;

  constructor(private readonly file: SettingFile) {}

  /** Loads the saved origin; a missing or damaged file means none is allowed. */
  async load(): Promise<void> {
    try {
      const saved = JSON.parse((await this.file.read()) ?? '{}') as { syncServerOrigin?: unknown };
      this.origin = typeof saved.syncServerOrigin === 'string' ? syncServerOriginOf(saved.syncServerOrigin) : null;
    } catch {
      this.origin = null;
    }
  }

  current(): string | null {
    return this.origin;
  }

  /** Returns whether it changed (then the window must reload for the new policy). */
  async allow(serverUrl: string): Promise<{ changed: boolean; origin: string }> {
    const origin = syncServerOriginOf(serverUrl);
    if (origin === this.origin) return { changed: false, origin };
    await this.file.write(JSON.stringify({ syncServerOrigin: origin }));
    this.origin = origin;
    return { changed: true, origin };
  }
}

// @vitest-environment node
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appContentSecurityPolicy,
  appSchemePrivileges,
  buildContentSecurityPolicy,
  createAppProtocolHandler,
  mimeTypeFor,
  resolveAppRequest,
  withContentSecurityPolicy,
} from '../../../electron/main/appProtocol';

const root = resolve('/srv/firebreak/out/renderer');
const get = (url: string) => resolveAppRequest({ url, method: 'GET' }, root);

describe('resolveAppRequest', () => {
  it('serves index.html for the root', () => {
    expect(get('app://firebreak/')).toEqual({ ok: true, filePath: join(root, 'index.html') });
    expect(get('app://firebreak')).toEqual({ ok: true, filePath: join(root, 'index.html') });
  });

  it('serves files inside the renderer directory, ignoring query and hash', () => {
    expect(get('app://firebreak/assets/index-abc123.js')).toEqual({ ok: true, filePath: join(root, 'assets', 'index-abc123.js') });
    expect(get('app://firebreak/assets/app.css?v=2#top')).toEqual({ ok: true, filePath: join(root, 'assets', 'app.css') });
    expect(get('app://firebreak/index.html')).toEqual({ ok: true, filePath: join(root, 'index.html') });
  });

  it('decodes ordinary percent-encoding in file names', () => {
    expect(get('app://firebreak/assets/my%20font.woff2')).toEqual({ ok: true, filePath: join(root, 'assets', 'my font.woff2') });
  });

  it('falls back to index.html for extension-less client-side routes', () => {
    expect(get('app://firebreak/incidents')).toEqual({ ok: true, filePath: join(root, 'index.html') });
    expect(get('app://firebreak/incidents/42/tasks')).toEqual({ ok: true, filePath: join(root, 'index.html') });
  });

  it('rejects foreign hosts, ports, credentials and schemes', () => {
    for (const url of ['app://evil/index.html', 'app://firebreak:1/index.html', 'app://x@firebreak/index.html', 'https://firebreak/index.html', 'file:///srv/firebreak/out/renderer/index.html']) {
      expect(get(url), url).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('rejects methods other than GET', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
      expect(resolveAppRequest({ url: 'app://firebreak/index.html', method }, root)).toMatchObject({ ok: false, status: 405 });
    }
  });

  it.each([
    'app://firebreak/%2e%2e/%2e%2e/etc/passwd',
    'app://firebreak/%2E%2E/secret.txt',
    'app://firebreak/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://firebreak/assets/%2e%2e%2fsecret.json',
    'app://firebreak/..%5c..%5csecret.json',
    'app://firebreak/assets\\..\\..\\secret.json',
    'app://firebreak/index.html%00.png',
    'app://firebreak/assets/%00',
    'app://firebreak/.env',
    'app://firebreak/assets/.%2e/x.js',
    'app://firebreak/C:%5cWindows%5cwin.ini',
    'app://firebreak/c%3a/windows/win.ini',
    'app://firebreak/assets//x.js',
    'app://firebreak/%E0%A4%A.js',
  ])('rejects traversal or unsafe path %s', (url) => {
    const result = get(url);
    expect(result.ok).toBe(false);
  });

  it('rejects literal dot segments too, instead of serving what the URL parser collapses them to', () => {
    for (const url of ['app://firebreak/../../etc/passwd.txt', 'app://firebreak/assets/../../../x.js', 'app://firebreak/./index.html', 'app://firebreak/assets/..']) {
      expect(get(url), url).toMatchObject({ ok: false, status: 400 });
    }
  });

  it('allows dots inside names', () => {
    expect(get('app://firebreak/assets/vendor.min.js')).toEqual({ ok: true, filePath: join(root, 'assets', 'vendor.min.js') });
    expect(get('app://firebreak/assets/a..b.js')).toEqual({ ok: true, filePath: join(root, 'assets', 'a..b.js') });
  });

  it('rejects malformed URLs', () => {
    expect(get('app://')).toMatchObject({ ok: false });
    expect(get('not a url')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('mimeTypeFor', () => {
  it('returns JavaScript for module scripts and correct types for other assets', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/a.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/a.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/x/a.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('content security policy', () => {
  it('is strict: no inline script, no eval, nothing remote', () => {
    expect(appContentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(appContentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('adds only the configured sync server to connect-src', () => {
    const policy = buildContentSecurityPolicy({ syncServerOrigin: 'https://sync.example.org' });
    expect(policy).toContain("connect-src 'self' https://sync.example.org;");
    expect(policy).toContain("script-src 'self';");
  });

  it('replaces any existing policy header on app responses only', () => {
    const headers = { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] };
    expect(withContentSecurityPolicy('app://firebreak/index.html', headers)).toEqual({
      'X-Other': ['1'],
      'Content-Security-Policy': [appContentSecurityPolicy],
    });
    expect(withContentSecurityPolicy('app://firebreak/', undefined)).toEqual({ 'Content-Security-Policy': [appContentSecurityPolicy] });
    expect(withContentSecurityPolicy('http://localhost:5173/', headers)).toBe(headers);
    expect(withContentSecurityPolicy('app://evil/', headers)).toBe(headers);
  });
});

describe('appSchemePrivileges', () => {
  it('registers app as a standard, secure scheme with fetch support and without CSP bypass', () => {
    expect(appSchemePrivileges.scheme).toBe('app');
    expect(appSchemePrivileges.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(appSchemePrivileges.privileges?.bypassCSP).not.toBe(true);
  });
});

describe('createAppProtocolHandler', () => {
  const files = new Map<string, string>([
    [join(root, 'index.html'), '<!doctype html><title>Firebreak</title>'],
    [join(root, 'assets', 'main.js'), 'console.log(1)'],
  ]);
  const reads: string[] = [];
  const handler = createAppProtocolHandler({
    rootDir: root,
    readFile: async (filePath) => {
      reads.push(filePath);
      const text = files.get(filePath);
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return new TextEncoder().encode(text);
    },
  });

  it('serves a file with its MIME type and the security headers', async () => {
    const response = await handler({ url: 'app://firebreak/assets/main.js', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(appContentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for / and routes', async () => {
    for (const url of ['app://firebreak/', 'app://firebreak/incidents']) {
      const response = await handler({ url, method: 'GET' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('<title>Firebreak</title>');
    }
  });

  it('answers 404 for a missing file and never reads a rejected path', async () => {
    expect((await handler({ url: 'app://firebreak/assets/missing.js', method: 'GET' })).status).toBe(404);
    reads.length = 0;
    const traversal = await handler({ url: 'app://firebreak/%2e%2e/%2e%2e/etc/passwd', method: 'GET' });
    expect(traversal.status).toBe(400);
    expect(traversal.headers.get('content-security-policy')).toBe(appContentSecurityPolicy);
    expect((await handler({ url: 'app://evil/index.html', method: 'GET' })).status).toBe(403);
    expect((await handler({ url: 'app://firebreak/index.html', method: 'POST' })).status).toBe(405);
    expect(reads).toEqual([]);
  });
});

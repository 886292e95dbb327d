// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { devServerOriginFrom, isAppProtocolUrl, isTrustedAppUrl, packagedTrustedOrigins } from '../../../electron/main/appOrigin';

describe('isAppProtocolUrl', () => {
  it.each(['app://firebreak/', 'app://firebreak/index.html', 'app://firebreak/incidents/42?tab=tasks#x', 'app://firebreak'])(
    'accepts %s',
    (url) => expect(isAppProtocolUrl(url)).toBe(true),
  );

  it.each([
    'app://evil/',
    'app://firebreak.evil.com/',
    'app://firebreak:8080/',
    'app://user@firebreak/',
    'app://user:pw@firebreak/',
    'https://firebreak/',
    'file:///firebreak/index.html',
    'firebreak://app/',
    'not a url',
    '',
  ])('rejects %s', (url) => expect(isAppProtocolUrl(url)).toBe(false));

  it('does not rely on URL.origin, which is "null" for custom schemes', () => {
    expect(new URL('app://firebreak/').origin).toBe('null');
    expect(new URL('app://evil/').origin).toBe('null');
    expect(isAppProtocolUrl('app://evil/')).toBe(false);
  });
});

describe('devServerOriginFrom', () => {
  it('accepts loopback http(s) dev servers and returns their origin', () => {
    expect(devServerOriginFrom('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(devServerOriginFrom('http://127.0.0.1:5173/index.html')).toBe('http://127.0.0.1:5173');
    expect(devServerOriginFrom('https://[::1]:5173')).toBe('https://[::1]:5173');
  });

  it.each([undefined, '', 'https://example.com', 'http://localhost.evil.com:5173', 'file:///tmp/index.html', 'http://u:p@localhost:5173', 'nonsense'])(
    'refuses %s',
    (value) => expect(devServerOriginFrom(value)).toBeNull(),
  );
});

describe('isTrustedAppUrl', () => {
  const dev = { devServerOrigin: 'http://localhost:5173' };

  it('trusts only the app protocol when packaged', () => {
    expect(isTrustedAppUrl('app://firebreak/', packagedTrustedOrigins)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/', packagedTrustedOrigins)).toBe(false);
  });

  it('also trusts the exact dev server origin in dev', () => {
    expect(isTrustedAppUrl('http://localhost:5173/incidents', dev)).toBe(true);
    expect(isTrustedAppUrl('app://firebreak/', dev)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedAppUrl('http://user@localhost:5173/', dev)).toBe(false);
  });
});

// Which pages may open the sync websocket and event streams (server/http/security.ts).
import { describe, expect, it } from 'vitest';
import { isOriginPattern, loopbackOrigins, originAllowed } from '../../server/http/security.ts';

const allowed = [...loopbackOrigins, 'https://app.example.org', 'https://intranet.example:*'];

describe('originAllowed', () => {
  it('admits requests without an Origin (scripts, the stock client) and pages of the server itself', () => {
    expect(originAllowed(undefined, 'lifa.example:4321', [])).toBe(true);
    expect(originAllowed('https://lifa.example:4321', 'lifa.example:4321', [])).toBe(true);
    expect(originAllowed('http://LIFA.example:4321', 'lifa.example:4321', [])).toBe(true);
  });

  it('admits configured origins, and any port where the pattern says :*', () => {
    expect(originAllowed('https://app.example.org', 'lifa.example', allowed)).toBe(true);
    expect(originAllowed('https://intranet.example:8443', 'lifa.example', allowed)).toBe(true);
    expect(originAllowed('http://127.0.0.1:51234', 'lifa.example', allowed)).toBe(true);
    expect(originAllowed('http://[::1]:8080', 'lifa.example', allowed)).toBe(true);
  });

  it('refuses every other page, a look-alike host, another scheme or port, and "null"', () => {
    for (const origin of [
      'https://evil.example',
      'https://app.example.org.evil.example',
      'http://app.example.org',
      'https://app.example.org:444',
      'http://intranet.example:8443',
      'https://127.0.0.1:51234',
      'null',
      'not a url',
    ]) {
      expect(originAllowed(origin, 'lifa.example:4321', allowed), origin).toBe(false);
    }
  });

  it('knows an origin pattern from anything else', () => {
    for (const pattern of [
      'https://a.example',
      'http://a.example:8080',
      'http://127.0.0.1:*',
      'http://[::1]:*',
    ]) {
      expect(isOriginPattern(pattern), pattern).toBe(true);
    }
    for (const pattern of [
      'a.example',
      'https://a.example/',
      'https://a.example/path',
      'ftp://a.example',
      '*',
    ]) {
      expect(isOriginPattern(pattern), pattern).toBe(false);
    }
  });
});

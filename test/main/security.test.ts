import { describe, expect, it, vi } from 'vitest';
import {
  allowedOrigins,
  contentSecurityPolicy,
  isExternalLink,
  mayGrantPermission,
  mayNavigate,
  mayRequest,
  openLinkAfterConfirm,
  originOf,
  secureResponseHeaders,
  websocketOrigin,
  windowOpenDecision,
} from '../../main/security.ts';

const app = 'http://127.0.0.1:41234';
const team = 'https://lifa.example.org';

describe('navigation', () => {
  it('stays within the app origin', () => {
    expect(mayNavigate(`${app}/drafts/abc`, app)).toBe(true);
    expect(mayNavigate(`${app}/`, app)).toBe(true);
  });
  it('blocks every other origin, scheme and port', () => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:41235/',
      'http://localhost:41234/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      team,
      'not a url',
    ]) {
      expect(mayNavigate(url, app), url).toBe(false);
    }
  });
});

describe('new windows', () => {
  it('never opens one, and offers web links to the browser', () => {
    expect(windowOpenDecision('https://www.npc.gov.cn/', app)).toEqual({
      action: 'deny',
      external: 'https://www.npc.gov.cn/',
    });
    expect(windowOpenDecision(`${app}/drafts/x`, app)).toEqual({ action: 'deny' });
    expect(windowOpenDecision('file:///etc/passwd', app)).toEqual({ action: 'deny' });
    expect(windowOpenDecision('smb://host/share', app)).toEqual({ action: 'deny' });
  });
  it('hands only http(s) links without credentials to the browser', () => {
    expect(isExternalLink('https://example.org/a?b#c')).toBe(true);
    expect(isExternalLink('http://example.org')).toBe(true);
    expect(isExternalLink('https://user:pw@example.org')).toBe(false);
    expect(isExternalLink('file:///C:/Windows/System32/calc.exe')).toBe(false);
    expect(isExternalLink('ms-msdt:/id')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
    expect(isExternalLink('')).toBe(false);
  });
  it('opens a link only after the user confirms', async () => {
    const open = vi.fn(async () => {});
    expect(await openLinkAfterConfirm('https://example.org', async () => false, open)).toBe(false);
    expect(open).not.toHaveBeenCalled();
    const confirm = vi.fn(async () => true);
    expect(await openLinkAfterConfirm('file:///etc/passwd', confirm, open)).toBe(false);
    expect(confirm).not.toHaveBeenCalled();
    expect(await openLinkAfterConfirm('https://example.org', confirm, open)).toBe(true);
    expect(open).toHaveBeenCalledWith('https://example.org');
  });
});

describe('permissions', () => {
  it('denies by default', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'unknown',
    ]) {
      expect(mayGrantPermission(permission, `${app}/`, app), permission).toBe(false);
    }
  });
  it('grants the app only writing to the clipboard, and nobody else anything', () => {
    expect(mayGrantPermission('clipboard-sanitized-write', `${app}/drafts/x`, app)).toBe(true);
    expect(mayGrantPermission('clipboard-sanitized-write', app, app)).toBe(true);
    expect(mayGrantPermission('clipboard-sanitized-write', 'https://evil.example/', app)).toBe(false);
    expect(mayGrantPermission('clipboard-sanitized-write', team, app)).toBe(false);
  });
});

describe('requests', () => {
  it('reach only the app and, when connected, the team server (http and websocket)', () => {
    const local = { appOrigin: app };
    expect(mayRequest(`${app}/api/drafts`, local)).toBe(true);
    expect(mayRequest(`ws://127.0.0.1:41234/sync/abc?token=x`, local)).toBe(true);
    expect(mayRequest('https://cdn.example/lib.js', local)).toBe(false);
    expect(mayRequest(`${team}/api/drafts`, local)).toBe(false);
    const connected = { appOrigin: app, teamOrigin: team };
    expect(mayRequest(`${team}/api/drafts`, connected)).toBe(true);
    expect(mayRequest('wss://lifa.example.org/sync/abc', connected)).toBe(true);
    expect(mayRequest('https://other.example/', connected)).toBe(false);
    expect(mayRequest('file:///etc/passwd', connected)).toBe(false);
  });
  it('lets local-only URLs through', () => {
    expect(mayRequest('data:image/png;base64,AAAA', { appOrigin: app })).toBe(true);
    expect(mayRequest(`blob:${app}/1234`, { appOrigin: app })).toBe(true);
  });
  it('pairs each origin with its websocket origin', () => {
    expect(websocketOrigin(app)).toBe('ws://127.0.0.1:41234');
    expect(websocketOrigin(team)).toBe('wss://lifa.example.org');
    expect(() => websocketOrigin('file://x')).toThrow(TypeError);
    expect(allowedOrigins({ appOrigin: app, teamOrigin: team })).toHaveLength(4);
    expect(originOf('about:blank')).toBeUndefined();
  });
});

describe('Content-Security-Policy', () => {
  const policy = contentSecurityPolicy({ appOrigin: app, teamOrigin: team });
  const directives = new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('allows nothing by default', () => expect(directives.get('default-src')).toEqual(["'none'"]));
  it('runs scripts from the app only: no inline scripts, no eval', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
  it('allows style attributes but no inline style sheets', () => {
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
  });
  it('connects to the app and the team server only', () => {
    expect(directives.get('connect-src')).toEqual([
      "'self'",
      app,
      'ws://127.0.0.1:41234',
      team,
      'wss://lifa.example.org',
    ]);
  });
  it('forbids objects, frames, forms, base changes and being framed', () => {
    for (const name of [
      'object-src',
      'frame-src',
      'child-src',
      'base-uri',
      'form-action',
      'frame-ancestors',
    ]) {
      expect(directives.get(name), name).toEqual(["'none'"]);
    }
  });
  it('contains no wildcard and no remote host other than the team server', () => {
    expect(policy).not.toContain('*');
    expect(policy).not.toMatch(/https?:\/\/(?!127\.0\.0\.1:41234|lifa\.example\.org)/);
  });
});

describe('secureResponseHeaders', () => {
  const policy = { appOrigin: app, teamOrigin: team };

  it('puts the app CSP on the app pages, replacing any the server sent', () => {
    const result = secureResponseHeaders(
      {
        url: `${app}/`,
        method: 'GET',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
      policy,
    );
    expect(result.responseHeaders['content-security-policy']).toBeUndefined();
    expect(result.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy(policy)]);
    expect(result.responseHeaders['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(result.responseHeaders['Content-Type']).toEqual(['text/html']);
  });
  it('lets the team server answer the app (CORS), preflights included', () => {
    const get = secureResponseHeaders(
      { url: `${team}/api/drafts`, method: 'GET', responseHeaders: {} },
      policy,
    );
    expect(get.responseHeaders['Access-Control-Allow-Origin']).toEqual([app]);
    expect(get.statusLine).toBeUndefined();
    const preflight = secureResponseHeaders({ url: `${team}/api/drafts`, method: 'OPTIONS' }, policy);
    expect(preflight.statusLine).toBe('HTTP/1.1 204 No Content');
    expect(preflight.responseHeaders['Access-Control-Allow-Headers']).toEqual([
      'authorization, content-type',
    ]);
  });
  it('leaves other responses alone', () => {
    const other = secureResponseHeaders(
      { url: 'https://other.example/', method: 'GET', responseHeaders: { a: 'b' } },
      { appOrigin: app },
    );
    expect(other).toEqual({ responseHeaders: { a: ['b'] } });
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIR } from '../dist';
import { startServer, type TestServer } from './server';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as they came over the wire, before any decoding. */
  raw: Buffer;
}

/** A GET with exactly the Accept-Encoding given (fetch would add its own and decode silently). */
function get(url: string, acceptEncoding?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
    http
      .get(url, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, raw: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const decode = ({ headers, raw }: Answer) =>
  headers['content-encoding'] === 'br' ? brotliDecompressSync(raw) : headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;

const SECURITY = ['strict-transport-security', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy', 'content-security-policy', 'cache-control'];
const securityOf = (a: Answer) => Object.fromEntries(SECURITY.map((h) => [h, a.headers[h]]));

// The largest script the build made: a real chunk, well above any threshold.
const chunk = readdirSync(join(CLIENT_DIR, '_astro'))
  .filter((f) => f.endsWith('.js'))
  .sort((a, b) => statSync(join(CLIENT_DIR, '_astro', b)).size - statSync(join(CLIENT_DIR, '_astro', a)).size)[0]!;
const pageHeaders = JSON.parse(readFileSync('dist/_headers.json', 'utf8')) as { pathname: string; headers: { key: string; value: string }[] }[];
const builtCsp = (path: string) => pageHeaders.find((p) => p.pathname === path)?.headers.find((h) => h.key.toLowerCase() === 'content-security-policy')?.value;
const today = new Date().toISOString().slice(0, 10);
const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

describe('compressed answers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({});
  });
  afterAll(async () => server?.stop());

  const cases = [
    { what: 'a static page', path: '/ar/', file: 'ar/index.html', cache: 'public, max-age=0' },
    { what: 'a JavaScript chunk', path: `/_astro/${chunk}`, file: `_astro/${chunk}`, cache: 'public, max-age=31536000, immutable' },
    { what: 'a search index', path: '/search/fa.json', file: 'search/fa.json', cache: 'public, max-age=0' },
    { what: 'a booking page (rendered on request)', path: '/ti/boka/', cache: 'no-store' },
    { what: 'API JSON (rendered on request)', path: `/api/slots?location=kista&type=intro&from=${today}&to=${inTwoWeeks}`, cache: 'no-store' },
  ];

  it.each(cases)('$what: brotli or gzip when asked, the same bytes and headers as without', async ({ path, file, cache }) => {
    const plain = await get(`${server.url}${path}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.headers['cache-control']).toBe(cache);
    if (file) expect(plain.raw.equals(readFileSync(join(CLIENT_DIR, file)))).toBe(true);
    expect(plain.raw.length).toBeGreaterThan(1024);

    for (const [asked, expected] of [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'], // what browsers send: brotli wins
    ] as const) {
      const packed = await get(`${server.url}${path}`, asked);
      expect(packed.status).toBe(200);
      expect(packed.headers['content-encoding'], asked).toBe(expected);
      expect(packed.headers.vary).toMatch(/accept-encoding/i);
      expect(packed.raw.length, asked).toBeLessThan(plain.raw.length / 2);
      expect(decode(packed).equals(plain.raw), asked).toBe(true);
      expect(securityOf(packed), asked).toEqual(securityOf(plain));
      expect(packed.headers['x-request-id']).not.toBe(plain.headers['x-request-id']);
    }
  });

  it('keeps the CSP each page was built with, and the strict one for everything that is not a page', async () => {
    for (const encoding of [undefined, 'br', 'gzip']) {
      const page = await get(`${server.url}/ar/`, encoding);
      expect(builtCsp('/ar/')).toMatch(/script-src 'self'/);
      expect(page.headers['content-security-policy'], encoding).toBe(builtCsp('/ar/'));
      const script = await get(`${server.url}/_astro/${chunk}`, encoding);
      expect(script.headers['content-security-policy'], encoding).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
      const booking = await get(`${server.url}/sv/boka/`, encoding);
      expect(booking.headers['content-security-policy'], encoding).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')+;/);
    }
  });

  it('sends small answers as they are, with their length: compressing 30 bytes only costs time', async () => {
    const health = await get(`${server.url}/api/health`, 'br, gzip');
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(Number(health.headers['content-length'])).toBe(health.raw.length);
    expect(JSON.parse(health.raw.toString())).toMatchObject({ status: 'ok' });
  });

  it('still redirects an address without its trailing slash instead of serving the folder', async () => {
    const res = await get(`${server.url}/sv`, 'br');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/sv/');
  });

  it('answers a repeat visit with 304 and the page’s own CSP, which the browser puts on its cached copy', async () => {
    const first = await get(`${server.url}/sv/`, 'br');
    const again = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(`${server.url}/sv/`, { agent: false, headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) } }, (res) => {
          res.resume();
          resolve(res);
        })
        .on('error', reject),
    );
    expect(again.statusCode).toBe(304);
    expect(again.headers['content-security-policy']).toBe(builtCsp('/sv/'));
    expect(again.headers['cache-control']).toBe('public, max-age=0');
  });

  it('logs one JSON line per request, path without the query string', async () => {
    await get(`${server.url}/search/sv.json?q=secret`, 'br');
    const mine = () =>
      server
        .log()
        .split('\n')
        .filter((l) => l.includes('"event":"http"'))
        .map((l) => JSON.parse(l) as { path: string; status: number; requestId: string })
        .filter((l) => l.path === '/search/sv.json');
    // The line is written when the answer has finished, which can be just after the client has it.
    await expect.poll(() => mine().length, { timeout: 10_000 }).toBe(1);
    expect(mine()[0]).toMatchObject({ status: 200, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(server.log()).not.toContain('secret');
  });
});

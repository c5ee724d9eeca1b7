import { timingSafeEqual } from 'node:crypto';
import { sha256 } from './booking.ts';

const NO_STORE = { 'cache-control': 'no-store' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
  });
}

export function apiError(status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return json(status, { error: { code, ...extra } }, headers);
}

export const MAX_BODY_BYTES = 16 * 1024;

export type Body =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: URLSearchParams }
  | { kind: 'error'; response: Response };

/** Reads at most 16 KB and parses JSON or a urlencoded form; anything else is refused before parsing. */
export async function readBody(request: Request): Promise<Body> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const kind = type === 'application/json' ? 'json' : type === 'application/x-www-form-urlencoded' ? 'form' : undefined;
  if (!kind) return { kind: 'error', response: apiError(415, 'unsupported_media_type') };
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return { kind: 'error', response: apiError(413, 'too_large') };
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) return { kind: 'error', response: apiError(413, 'too_large') };
      chunks.push(chunk);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (kind === 'form') return { kind: 'form', value: new URLSearchParams(text) };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'error', response: apiError(400, 'invalid', { fields: {} }) };
  }
}

/**
 * A browser always sends Origin on a cross-site POST; it must be this site.
 * Non-browser clients (curl, the staff's tools) send none and are let through.
 */
export function sameOrigin(request: Request, url: URL): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') !== 'cross-site';
  return origin === url.origin;
}

/** Constant-time comparison of a presented secret with the expected one (both hashed to equal length first). */
export function secretMatches(presented: string | undefined | null, expected: string): boolean {
  if (!presented) return false;
  return timingSafeEqual(Buffer.from(sha256(presented), 'hex'), Buffer.from(sha256(expected), 'hex'));
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

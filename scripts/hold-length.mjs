// Astro writes an answer as writeHead, then the body in chunks, and never says its length. Without a
// length, compression cannot tell a 30-byte JSON answer from a page and compresses both. So the first
// chunk is held: if end() follows, the answer was one piece (API JSON, a redirect's body) and goes out
// with its Content-Length, which lets compression skip answers below its threshold; if a second
// chunk follows, the head and both chunks go out and the rest streams as before.
export function holdLength(req, res) {
  const { writeHead, write, end } = res;
  let head;
  let held;
  const release = () => {
    Object.assign(res, { writeHead, write, end });
    if (head) writeHead.apply(res, head);
  };
  res.writeHead = (...args) => {
    head = args;
    return res;
  };
  res.write = (chunk, encoding) => {
    if (head && held === undefined) {
      held = Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined);
      return true;
    }
    release();
    if (held !== undefined) write.call(res, held);
    return write.call(res, chunk, encoding);
  };
  res.end = (chunk, encoding) => {
    const tail = chunk === undefined || typeof chunk === 'function' ? undefined : Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined);
    const body = held && tail ? Buffer.concat([held, tail]) : (held ?? tail);
    const headers = head?.find((a) => a && typeof a === 'object') ?? {};
    const named = Object.keys(headers).some((k) => k.toLowerCase() === 'content-length');
    // No body at all is an empty answer (a redirect), as Node would send it, except where a length must not be stated.
    const bodiless = req.method === 'HEAD' || [204, 304].includes(head?.[0] ?? res.statusCode);
    if (!named && !res.hasHeader('content-length') && (body !== undefined || !bodiless)) res.setHeader('content-length', body?.length ?? 0);
    release();
    return body === undefined ? end.call(res) : end.call(res, body);
  };
}

import type { Readable } from 'node:stream';

/**
 * Reads a response body up to a cap. Past the cap the stream is destroyed (which closes the socket), so a
 * 50 MB answer costs at most `maxBytes` of memory and is never parsed or logged whole.
 */
export async function readCapped(
  stream: Readable,
  maxBytes: number,
): Promise<{ text: string; oversize: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    if (size + buffer.length > maxBytes) {
      chunks.push(buffer.subarray(0, maxBytes - size));
      stream.destroy();
      return { text: decode(chunks), oversize: true };
    }
    chunks.push(buffer);
    size += buffer.length;
  }
  return { text: decode(chunks), oversize: false };
}

function decode(chunks: Buffer[]): string {
  const text = Buffer.concat(chunks).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * What axios' `responseType: 'json'` would have given: the parsed JSON, or the text as is when it is not
 * JSON (a proxy's HTML page), or `''` for an empty body.
 */
export function parseBody(text: string): unknown {
  if (text.trim() === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

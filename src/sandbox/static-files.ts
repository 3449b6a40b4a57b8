import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

/**
 * The page: static HTML, CSS and ES modules, no build step. They live in `src/sandbox/public`; the build
 * (`tsc`) only emits JavaScript, so the compiled server in `dist/sandbox` reads them from the same
 * folder of the package (both are two levels below the package root). A `public` folder next to the
 * compiled file wins, for packagings that copy the assets.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export function publicDir(): string {
  const candidates = [join(__dirname, 'public'), join(__dirname, '..', '..', 'src', 'sandbox', 'public')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error(`sandbox page not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Serves a file below `root`; false when there is none (the caller answers 404). */
export async function serveStatic(res: ServerResponse, root: string, urlPath: string): Promise<boolean> {
  const relative = normalize(decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath));
  const file = join(root, relative);
  // normalize() resolves "..": anything that ends up outside the folder is not ours to serve.
  if (!file.startsWith(root + sep)) return false;
  const type = TYPES[extname(file)];
  if (!type) return false;
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    return false;
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
  res.end(content);
  return true;
}

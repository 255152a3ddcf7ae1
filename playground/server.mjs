// Serves playground/dist on http://localhost:$PORT (default 8080). No network access is needed:
// every asset is local. Usage: node playground/server.mjs   (npm start builds first)
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Compressed once per file: the spreadsheet's script is 6 MB, about 1.8 MB gzipped. */
const gzipped = new Map();
/** What a browser asks for on load (the hyphenation dictionaries Univer ships are never requested). */
const SERVED_ON_LOAD = /\.(html|js|css|json)$/;

/** The files compressed so far (all a page load asks for, once the server has started). */
export function compressedFiles() {
  return [...gzipped.keys()];
}

function compress(file, body) {
  gzipped.set(file, { source: body, gzip: gzipSync(body) });
  return gzipped.get(file).gzip;
}

/**
 * Reads and compresses what a page load asks for before the server answers anyone, so that the first
 * load is as fast as the next ones (compressing the 6 MB script on the first request took seconds).
 */
async function precompress() {
  const files = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of files) {
    if (!entry.isFile() || !SERVED_ON_LOAD.test(entry.name) || /hyphen/i.test(entry.name)) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    compress(file, await readFile(file));
  }
}

/** Starts the server once the files are compressed; resolves with it once listening (port 0 picks a free port). */
export async function startServer(port = Number(process.env.PORT ?? 8080), host = '127.0.0.1') {
  await precompress();
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
      /^([/\\])+/,
      '',
    );
    const file = join(root, path === '' ? 'index.html' : path);
    if (!file.startsWith(root) || request.method !== 'GET') {
      response.writeHead(404).end('Not found');
      return;
    }
    try {
      let body = await readFile(file);
      const headers = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      };
      if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '') && extname(file) !== '.png') {
        const cached = gzipped.get(file);
        body = cached && cached.source.equals(body) ? cached.gzip : compress(file, body);
        headers['Content-Encoding'] = 'gzip';
      }
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404).end('Not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  startServer(port)
    .then((server) => {
      console.log(`Liquidation Planner playground: http://localhost:${server.address().port}  (Ctrl-C stops it)`);
      process.on('SIGINT', () => server.close(() => process.exit(0)));
    })
    .catch((error) => {
      if (error.code === 'EADDRINUSE')
        console.error(`Port ${port} is already in use. Stop what uses it, or pick another port: PORT=8081 npm start`);
      else console.error(`The playground could not start: ${error.message}`);
      process.exit(1);
    });
}

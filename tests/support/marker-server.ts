// A loopback HTTP server standing in for "the internet" of remote content and payload markers. A
// request the page makes shows up here as a hit. (A closed port like 9 does not do: Chromium refuses
// it as an unsafe port before the request is made, so an escape would not be seen at all.)
import { createServer, type Server } from 'node:http';
import { MARKER_PORT } from '../corpus/mime';

// The smallest transparent GIF, so an image that is allowed to load does load.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export type MarkerServer = { hits: string[]; close: () => Promise<void> };

export async function startMarkerServer(): Promise<MarkerServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store' });
    res.end(GIF);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(MARKER_PORT, '127.0.0.1', resolve);
  });
  return { hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

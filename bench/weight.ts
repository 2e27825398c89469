// Owns "first visit weight": the bytes on the wire for a cold /login, its HTML plus every script and stylesheet it references.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

type WireResponse = { status: number; wireBytes: number; encoding: string; body: Buffer };

/** A GET with node:http, so the compressed bytes are counted as they arrive (fetch would decode them). */
function wireGet(url: string): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip, br' }, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = String(res.headers['content-encoding'] ?? 'identity');
        const body = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'deflate' ? inflateSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, wireBytes: raw.length, encoding, body });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Same-origin asset URLs from <script src>, <link rel=stylesheet|preload|modulepreload href>.
 * <script nomodule> (Next's legacy polyfills) is skipped: browsers that run modules never fetch it.
 */
export function assetUrls(html: string, pageUrl: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[0])?.[1];
    if (src && !/\bnomodule\b/i.test(m[0])) found.add(src);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1] ?? '';
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\b(stylesheet|preload|modulepreload)\b/.test(rel)) found.add(href);
  }
  const origin = new URL(pageUrl).origin;
  return [...found]
    .map((u) => new URL(u.replaceAll('&amp;', '&'), pageUrl).toString())
    .filter((u) => new URL(u).origin === origin);
}

export type Asset = { path: string; wireBytes: number; bytes: number; encoding: string; kind: 'html' | 'js' | 'css' | 'other' };
export type Weight = { totalKiB: number; jsKiB: number; cssKiB: number; htmlKiB: number; compressed: boolean; assets: Asset[] };

const kindOf = (path: string): Asset['kind'] => (/\.js(\?|$)/.test(path) ? 'js' : /\.css(\?|$)/.test(path) ? 'css' : 'other');

export async function firstVisitWeight(baseUrl: string, path = '/login'): Promise<Weight> {
  const page = await wireGet(`${baseUrl}${path}`);
  if (page.status !== 200) throw new Error(`GET ${path}: HTTP ${page.status}`);
  const assets: Asset[] = [{ path, wireBytes: page.wireBytes, bytes: page.body.length, encoding: page.encoding, kind: 'html' }];
  for (const url of assetUrls(page.body.toString('utf8'), `${baseUrl}${path}`)) {
    const res = await wireGet(url);
    if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
    const assetPath = new URL(url).pathname;
    assets.push({ path: assetPath, wireBytes: res.wireBytes, bytes: res.body.length, encoding: res.encoding, kind: kindOf(assetPath) });
  }
  const kib = (kind?: Asset['kind']) => assets.filter((a) => !kind || a.kind === kind).reduce((s, a) => s + a.wireBytes, 0) / 1024;
  return {
    totalKiB: kib(),
    jsKiB: kib('js'),
    cssKiB: kib('css'),
    htmlKiB: kib('html'),
    compressed: assets.every((a) => a.encoding !== 'identity'),
    assets,
  };
}

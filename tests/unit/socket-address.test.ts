import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { installSocketAddressHeader } from '@/lib/socket-address';

const server = http.createServer((req, res) => res.end(String(req.headers['x-forwarded-for'])));

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('replaces a forged X-Forwarded-For with the socket address before any handler sees it', async () => {
  installSocketAddressHeader();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const forged = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'X-Forwarded-For': '203.0.113.66' } });
  expect(await forged.text()).toBe('127.0.0.1');
  const plain = await fetch(`http://127.0.0.1:${port}/`);
  expect(await plain.text()).toBe('127.0.0.1');
});

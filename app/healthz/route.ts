// Liveness: the process is up and serving. Deliberately touches nothing else.
export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}

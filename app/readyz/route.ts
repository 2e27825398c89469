import { readiness } from '@/lib/health';

// Readiness: 200 when the mail servers answer, 503 otherwise, so a load balancer routes around this node.
export async function GET() {
  const result = await readiness();
  return Response.json(result, { status: result.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}

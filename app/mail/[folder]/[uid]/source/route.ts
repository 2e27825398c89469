import { downloadResponse } from '@/lib/download-response';
import { getMessageSource } from '@/lib/mail/messages';
import { mailRouteError, messageRouteContext } from '@/lib/route-session';

type Context = { params: Promise<{ folder: string; uid: string }> };

export async function GET(_request: Request, { params }: Context) {
  const ctx = await messageRouteContext(await params);
  if (ctx instanceof Response) return ctx;
  try {
    const source = await getMessageSource(ctx.session, ctx.folder, ctx.uid);
    if (!source) return new Response('Not found', { status: 404 });
    return downloadResponse(source, `message-${ctx.uid}.eml`, 'text/plain; charset=utf-8');
  } catch (err) {
    return mailRouteError(ctx.session, err);
  }
}

import { downloadResponse } from '@/lib/download-response';
import { getMessageAttachment } from '@/lib/mail/messages';
import { mailRouteError, messageRouteContext } from '@/lib/route-session';

type Context = { params: Promise<{ folder: string; uid: string; part: string }> };

export async function GET(_request: Request, { params }: Context) {
  const { part, ...ref } = await params;
  const ctx = await messageRouteContext(ref);
  if (ctx instanceof Response) return ctx;
  if (!/^\d{1,4}$/.test(part)) return new Response('Not found', { status: 404 });
  try {
    const attachment = await getMessageAttachment(ctx.session, ctx.folder, ctx.uid, part);
    if (!attachment) return new Response('Not found', { status: 404 });
    // Always a download with a type we choose: the sender's Content-Type is not trusted.
    return downloadResponse(attachment.content, attachment.filename);
  } catch (err) {
    return mailRouteError(ctx.session, err);
  }
}

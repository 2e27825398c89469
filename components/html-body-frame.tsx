import { estimateHtmlHeight } from '@/lib/mail/estimate-height';
import { renderHtmlDocument } from '@/lib/mail/render-html-document';

// No allow-scripts / allow-same-origin / allow-forms / allow-top-navigation, ever: links may
// open new tabs (popups that escape the sandbox, so the target page works normally), nothing else.
const SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

export function HtmlBodyFrame({ html, allowRemote }: { html: string; allowRemote: boolean }) {
  return (
    <iframe
      srcDoc={renderHtmlDocument(html, { allowRemote })}
      sandbox={SANDBOX}
      referrerPolicy="no-referrer"
      title="Message body"
      style={{ height: `min(75vh, ${estimateHtmlHeight(html)}px)` }}
      className="block min-h-40 w-full rounded-md border border-slate-200 bg-white"
    />
  );
}

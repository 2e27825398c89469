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
      // Auto-height needs script in the frame or same-origin access; both would weaken the sandbox,
      // so the frame gets most of the viewport and scrolls inside itself (works without JS).
      className="block h-[75vh] min-h-96 w-full rounded-md border border-neutral-200 bg-white"
    />
  );
}

import { linkify } from '@/lib/text/linkify';

// Text goes through React's escaping; links are elements built from linkify's tokens (THREATS T4).
function Line({ text }: { text: string }) {
  return linkify(text).map((token, i) =>
    token.kind === 'link' ? (
      <a
        key={i}
        href={token.href}
        target="_blank"
        rel="noopener noreferrer"
        className="text-blue-700 underline underline-offset-2 hover:text-blue-900"
      >
        {token.value}
      </a>
    ) : (
      token.value
    ),
  );
}

export function PlainTextBody({ text }: { text: string }) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return (
    <pre className="whitespace-pre-wrap break-words font-sans text-sm leading-relaxed">
      {lines.map((line, i) => (
        <span key={i} className={/^\s*>/.test(line) ? 'text-neutral-500' : undefined}>
          <Line text={line} />
          {i < lines.length - 1 ? '\n' : null}
        </span>
      ))}
    </pre>
  );
}

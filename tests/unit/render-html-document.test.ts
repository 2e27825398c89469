import { describe, expect, it } from 'vitest';
import { renderHtmlDocument } from '@/lib/mail/render-html-document';

const csp = (doc: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(doc)?.[1] ?? '';

describe('renderHtmlDocument', () => {
  it('locks the frame down by default', () => {
    const doc = renderHtmlDocument('<p>hi</p>', { allowRemote: false });
    expect(doc.startsWith('<!doctype html>')).toBe(true);
    expect(csp(doc)).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src 'none'; form-action 'none'; base-uri 'none'; frame-src 'none'",
    );
    expect(doc).toContain('<base target="_blank">');
    expect(doc).toContain('<body><p>hi</p></body>');
  });

  it('opens img-src and font-src to the web only when allowed', () => {
    const policy = csp(renderHtmlDocument('', { allowRemote: true }));
    expect(policy).toContain("img-src data: https: http:");
    expect(policy).toContain('font-src https: http:');
    expect(policy).toContain("default-src 'none'");
  });
});

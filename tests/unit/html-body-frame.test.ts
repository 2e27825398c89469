import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HtmlBodyFrame } from '@/components/html-body-frame';

describe('HtmlBodyFrame', () => {
  it('renders a sandboxed srcdoc frame without scripts, same-origin, forms or top navigation', () => {
    const html = renderToStaticMarkup(createElement(HtmlBodyFrame, { html: '<p>"hi" &amp; bye</p>', allowRemote: false }));
    const sandbox = /sandbox="([^"]*)"/.exec(html)?.[1];
    expect(sandbox).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(html).toMatch(/referrerpolicy="no-referrer"/i);
    expect(html).toContain('title="Message body"');
    expect(html).toContain('srcDoc="&lt;!doctype html&gt;');
    expect(html).toContain('&lt;p&gt;&quot;hi&quot; &amp;amp; bye&lt;/p&gt;');
  });
});

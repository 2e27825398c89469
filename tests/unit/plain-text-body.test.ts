import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PlainTextBody } from '@/components/plain-text-body';

describe('PlainTextBody', () => {
  it('shows markup as literal text, links as elements and dims quoted lines', () => {
    const html = renderToStaticMarkup(
      createElement(PlainTextBody, { text: '<img src=x onerror=alert(1)> see https://a.test/x"><b>.\r\n> quoted' }),
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<a href="https://a.test/x" target="_blank" rel="noopener noreferrer"');
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain('<span class="text-neutral-500">&gt; quoted</span>');
    expect(html.startsWith('<pre class="whitespace-pre-wrap break-words font-sans')).toBe(true);
  });
});

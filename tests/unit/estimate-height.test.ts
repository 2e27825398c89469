import { describe, expect, it } from 'vitest';
import { estimateHtmlHeight } from '@/lib/mail/estimate-height';

describe('estimateHtmlHeight', () => {
  it('gives a short message a short frame and a long one a tall frame', () => {
    const short = estimateHtmlHeight('<p>Hi team,</p><p>See you.</p>');
    const long = estimateHtmlHeight(`<p>${'word '.repeat(5000)}</p>`);
    expect(short).toBeLessThan(300);
    expect(long).toBeGreaterThan(2000);
  });

  it('makes room for images', () => {
    const text = '<p>x</p>'.repeat(10);
    expect(estimateHtmlHeight(`${text}<img src="data:image/png;base64,AA">`)).toBeGreaterThan(estimateHtmlHeight(text) + 100);
  });
});

import { describe, expect, it } from 'vitest';
import { SETTINGS_HEADER, settingsFolderPath, settingsFromMessage, settingsMessage } from '@/lib/mail/settings-message';
import { parseStoredSettings } from '@/lib/mail/user-settings';

const settings = {
  displayName: 'Zoë Lee',
  signatureText: 'Zoë\n— on the road',
  signatureHtml: `<p>${'<b>long</b> '.repeat(400)}</p>`,
  composeMode: 'plain' as const,
};

describe('the settings message (servers without METADATA)', () => {
  it('carries the settings JSON back unchanged, in lines any mail server accepts', () => {
    const raw = settingsMessage(JSON.stringify(settings), 'zoe@satchel.test', new Date(Date.UTC(2026, 0, 2, 3, 4, 5)));
    const text = raw.toString('utf8');
    expect(text).toContain(`\r\n${SETTINGS_HEADER}: 1\r\n`);
    expect(text).toContain('From: Satchel <zoe@satchel.test>\r\n');
    expect(text).toContain('Date: Fri, 02 Jan 2026 03:04:05 GMT\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(Math.max(...text.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(78);
    expect(parseStoredSettings(settingsFromMessage(raw))).toEqual(settings);
  });

  it('reads nothing from a message without a body or with a body that is not base64', () => {
    expect(settingsFromMessage(Buffer.from('Subject: x\r\n'))).toBeNull();
    expect(settingsFromMessage(Buffer.from('Subject: x\r\n\r\n{"displayName":"Eve"}\r\n'))).toBeNull();
    // Base64 of something that is not JSON decodes, and the settings parser then gives the defaults.
    const junk = settingsFromMessage(Buffer.from(`Subject: x\r\n\r\n${Buffer.from('not json').toString('base64')}\r\n`));
    expect(parseStoredSettings(junk).displayName).toBe('');
  });

  it('lives inside the personal namespace, without a character any separator would split', () => {
    expect(settingsFolderPath({ namespace: { prefix: '', delimiter: '/' } })).toBe('Satchel Settings');
    expect(settingsFolderPath({ namespace: { prefix: 'INBOX.', delimiter: '.' } })).toBe('INBOX.Satchel Settings');
    expect(settingsFolderPath({ namespace: undefined })).not.toMatch(/[./]/);
  });
});

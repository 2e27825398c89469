// Settings live on the mail server (IMAP METADATA): saved through the DAL, read back by a fresh
// session, and visible to any other IMAP client under the documented entry.
import { afterAll, describe, expect, it } from 'vitest';
import { closeDalSessions, configureDal, dalSession } from '../support/dal-session';
import { clearServerMetadata, getServerMetadata } from '../support/metadata';

configureDal();
const { getUserSettings, saveUserSettings, SETTINGS_ENTRY } = await import('@/lib/mail/user-settings');

afterAll(async () => {
  await closeDalSessions();
  // drafter's e2e tests expect the defaults (rich text, no signature).
  await clearServerMetadata('drafter', SETTINGS_ENTRY);
});

describe('user settings on the mail server', () => {
  it('are stored as METADATA and read back by another session, the HTML signature sanitized', async () => {
    const name = `Dana Drafter ${Date.now()}`;
    const saved = await saveUserSettings(dalSession('drafter'), {
      displayName: name,
      signatureText: 'Dana\n— sent from my travels',
      signatureHtml: '<p><b>Dana</b> — ünïcode</p><script>alert(1)</script><img src="https://track.example/x.png">',
      composeMode: 'plain',
    });
    expect(saved.signatureHtml).toContain('<b>Dana</b>');
    expect(saved.signatureHtml).not.toContain('script');
    expect(saved.signatureHtml).not.toContain('track.example');

    const read = await getUserSettings(dalSession('drafter'));
    expect(read).toEqual(saved);
    expect(JSON.parse((await getServerMetadata('drafter', SETTINGS_ENTRY)) ?? 'null')).toEqual(saved);
  });

  it('refuses a display name that would break the From header', async () => {
    await expect(
      saveUserSettings(dalSession('drafter'), { displayName: 'Evil\r\nBcc: x@y.test', signatureText: '', signatureHtml: '', composeMode: 'rich' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

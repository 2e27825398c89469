import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseStoredSettings, userSettingsSchema } from '@/lib/mail/user-settings';

describe('stored settings are read defensively', () => {
  it('gives the defaults for nothing, junk, or an oversized value', () => {
    expect(parseStoredSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseStoredSettings('{not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseStoredSettings('[1,2]')).toEqual(DEFAULT_SETTINGS);
    expect(parseStoredSettings(JSON.stringify({ displayName: 'x'.repeat(40_000) }))).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the good fields and resets only the bad ones', () => {
    const stored = JSON.stringify({ displayName: 'Ann\r\nBcc: x@y', signatureText: 'Ann', signatureHtml: 5, composeMode: 'plain', extra: true });
    expect(parseStoredSettings(stored)).toEqual({ displayName: '', signatureText: 'Ann', signatureHtml: '', composeMode: 'plain' });
  });

  it('refuses unknown fields and over-long values from the form', () => {
    expect(userSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, from: 'boss@corp.test' }).success).toBe(false);
    expect(userSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, signatureText: 'x'.repeat(2_001) }).success).toBe(false);
    expect(userSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, displayName: 'Ann <ann@x.test>' }).success).toBe(false);
    expect(userSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, displayName: '  Ann Lee ' }).data?.displayName).toBe('Ann Lee');
  });
});

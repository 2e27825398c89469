// Owns repairing text that was decoded as ISO-8859-1 where the sender meant Windows-1252.

// Node 20's TextDecoder('windows-1252') (and every label WHATWG maps to it: iso-8859-1, us-ascii,
// latin1) returns bytes 0x80–0x9F as C1 control characters instead of “ ” – … €, which postal-mime
// then passes on: Outlook mail lost its quotes, dashes and euro signs. Browsers and the WHATWG
// Encoding Standard decode those bytes with this table; C1 controls never carry meaning in mail.
const TABLE: Record<number, string> = {
  0x80: '\u20ac', 0x82: '\u201a', 0x83: '\u0192', 0x84: '\u201e', 0x85: '\u2026', 0x86: '\u2020', 0x87: '\u2021',
  0x88: '\u02c6', 0x89: '\u2030', 0x8a: '\u0160', 0x8b: '\u2039', 0x8c: '\u0152', 0x8e: '\u017d',
  0x91: '\u2018', 0x92: '\u2019', 0x93: '\u201c', 0x94: '\u201d', 0x95: '\u2022', 0x96: '\u2013', 0x97: '\u2014',
  0x98: '\u02dc', 0x99: '\u2122', 0x9a: '\u0161', 0x9b: '\u203a', 0x9c: '\u0153', 0x9e: '\u017e', 0x9f: '\u0178',
};
const C1 = /[\u0080-\u009f]/g;
const HAS_C1 = /[\u0080-\u009f]/; // no /g: test() on a global regex keeps state between calls

/** Maps C1 controls to the Windows-1252 characters they stand for; unassigned ones are dropped. */
export function repairC1(value: string): string;
export function repairC1(value: string | undefined): string | undefined;
export function repairC1(value: string | undefined): string | undefined {
  if (value === undefined || !HAS_C1.test(value)) return value;
  return value.replace(C1, (c) => TABLE[c.charCodeAt(0)] ?? '');
}

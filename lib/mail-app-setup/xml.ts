// Owns escaping text for the XML documents Satchel writes (autoconfig, Autodiscover, Apple profiles).

// Characters XML 1.0 does not allow at all, even escaped: C0 controls except tab/LF/CR, lone surrogates, U+FFFE/FFFF.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe for element content and for attribute values in either quote style. */
export function escapeXml(value: string | number): string {
  return String(value)
    .replace(NOT_XML, '\ufffd')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

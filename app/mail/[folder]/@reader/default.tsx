// A page loaded directly has nothing in the reader slot.
export default function NoReader() {
  return null;
}

// Back to the folder by a client-side navigation: this empties the reader slot (a slot with no
// match would keep showing the last message).
export default function ClosedReader() {
  return null;
}

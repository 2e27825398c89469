// Owns turning a URL into QR code geometry (the `qrcode` library encodes; we draw it as one SVG path),
// so the page can render it as plain React SVG: no HTML string, no script, nothing for the CSP to allow.
import { create } from 'qrcode';

/** The code's modules as one path in a square of `size` units, 4-unit quiet zone included. */
export type QrDrawing = { size: number; path: string };

const QUIET_ZONE = 4;

export function qrDrawing(text: string): QrDrawing {
  // M: survives a 15 % smudge or glare on a laptop screen; a URL this short still gives a small code.
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const runs: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      runs.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h-${col - start}z`);
    }
  }
  return { size: n + 2 * QUIET_ZONE, path: runs.join('') };
}

import QRCode from 'qrcode';

// QR codes of the accounts (issue 16 §4): made on the server with `qrcode`, no third party.
// Error correction M (15%): sturdy enough for a printed or screen code, small enough for an URL.

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The code as an inline SVG, `size` CSS pixels wide, named for screen readers (role="img" with a
 * label): no script, no style attribute, so the page's CSP and the no-JavaScript page both hold.
 */
export async function qrSvg(text: string, label: string, size = 148): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: size });
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeXml(label)}" focusable="false" `);
}

/** The code as a PNG (for printing, or saving to a phone): 8 pixels a module. */
export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
}

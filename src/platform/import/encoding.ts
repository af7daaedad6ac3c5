import { ImportRefused } from './refusal.js';

/**
 * Text files arrive in whatever encoding the clerk's software chose. Excel on Chinese Windows
 * saves “CSV（逗号分隔）” in the ANSI code page, GBK, which GB18030 contains; “CSV UTF-8” starts
 * with a BOM; “Unicode 文本” is UTF-16LE with a BOM; WPS and most other systems write UTF-8.
 * Nobody is asked which one they have.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  /** The text, without its BOM. */
  text: string;
  encoding: TextEncodingName;
}

const notText =
  '文件的文字编码无法识别，或者它不是文本文件：请在 Excel 或 WPS 中“另存为” CSV UTF-8（逗号分隔）后再上传';

function decode(encoding: TextEncodingName, bytes: Uint8Array): string {
  try {
    // fatal: a file that is neither UTF-8 nor GB18030 is refused, not imported as mojibake.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw ImportRefused.file(notText);
  }
}

/**
 * UTF-16 without a BOM, as some export tools write it: mostly ASCII, so every other byte of the
 * first few hundred is zero. Chinese-only UTF-16 has no zeros and is not recognised this way;
 * Excel and WPS always write the BOM.
 */
function bomlessUtf16(bytes: Uint8Array): TextEncodingName | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros === 0) return 'utf-16be';
  return null;
}

function sniff(bytes: Uint8Array): TextEncodingName {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return utf16;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    // Chinese text in GBK is almost never valid UTF-8, so what fails UTF-8 is taken as GB18030.
    return 'gb18030';
  }
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const encoding = sniff(bytes);
  // TextDecoder drops the BOM it recognises (ignoreBOM: false).
  const text = decode(encoding, bytes);
  // A zero character is never in a spreadsheet's text; it is a binary file taken for one.
  if (text.includes('\u0000')) throw ImportRefused.file(notText);
  return { text, encoding };
}

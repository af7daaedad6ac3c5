import type { PersonalDataHit } from './inspection.js';

// Unmasked personal data in published text (services.md §2.2 personalData): 18-digit 居民身份证号码
// whose check digit is right (GB 11643-1999, ISO 7064 MOD 11-2) and mainland mobile numbers
// (1[3-9] and nine digits). Both must stand alone: a longer run of digits (an order number, a
// 统一社会信用代码's digits) is not a hit.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Whether an 18-character 身份证号 has a valid date-free shape and the right check digit. */
export function idNumberValid(id: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== id[17]!.toUpperCase()) return false;
  // Birth date: a real month and day (the year is not judged).
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

export function maskMobile(m: string): string {
  return `${m.slice(0, 3)}****${m.slice(7)}`;
}

const CONTEXT = 12;

/** Every unmasked 身份证号 (valid check digit) and mobile number in `text`, masked for the report. */
export function findPersonalData(text: string): PersonalDataHit[] {
  const found: Array<{ kind: PersonalDataHit['kind']; index: number; raw: string; masked: string }> = [];
  for (const m of text.matchAll(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g))
    if (idNumberValid(m[0]))
      found.push({ kind: 'idNumber', index: m.index, raw: m[0], masked: maskIdNumber(m[0]) });
  for (const m of text.matchAll(/(?<![\d])1[3-9]\d{9}(?![\d])/g))
    found.push({ kind: 'mobile', index: m.index, raw: m[0], masked: maskMobile(m[0]) });
  // Contexts are cut from a copy with every hit masked (masks keep the length), so no context
  // shows a neighbouring number in full.
  let masked = text;
  for (const f of found) masked = masked.slice(0, f.index) + f.masked + masked.slice(f.index + f.raw.length);
  return found.map((f) => ({
    kind: f.kind,
    masked: f.masked,
    context: (
      masked.slice(Math.max(0, f.index - CONTEXT), f.index) +
      f.masked +
      masked.slice(f.index + f.raw.length, f.index + f.raw.length + CONTEXT)
    )
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

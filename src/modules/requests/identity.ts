/**
 * 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence,
 * check character. Errors name the position, as for the credit code.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdCheck = { ok: true; value: string } | { ok: false; position: number | null; message: string };

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export function checkIdNumber(raw: string): IdCheck {
  const value = raw
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[xｘＸ]$/, 'X');
  if (value.length !== 18)
    return { ok: false, position: null, message: `身份证号应为 18 位，实为 ${value.length} 位` };
  for (let i = 0; i < 17; i++) {
    if (!/\d/.test(value[i]!))
      return { ok: false, position: i + 1, message: `身份证号第 ${i + 1} 位“${value[i]}”应为数字` };
  }
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return {
      ok: false,
      position: 7,
      message: `身份证号第 7–14 位的出生日期“${value.slice(6, 14)}”不是有效日期`,
    };
  }
  const check = idNumberCheckChar(value.slice(0, 17));
  if (value[17] !== check)
    return {
      ok: false,
      position: 18,
      message: `身份证号第 18 位（校验码）应为“${check}”，实为“${value[17]}”，请核对全部 18 位`,
    };
  return { ok: true, value };
}

/** What everyone but the handling clerk sees: 3505**********123X. */
export function maskIdNumber(value: string): string {
  return value.length < 8
    ? '*'.repeat(value.length)
    : `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

export function maskAddress(value: string): string {
  const chars = [...value];
  return chars.length <= 6
    ? '*'.repeat(chars.length)
    : `${chars.slice(0, 6).join('')}${'*'.repeat(Math.min(8, chars.length - 6))}`;
}

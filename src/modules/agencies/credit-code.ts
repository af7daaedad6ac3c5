/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, Z, S, V).
 *   position 1      登记管理部门码
 *   position 2      机构类别码
 *   positions 3–8   登记管理机关行政区划码 (digits)
 *   positions 9–17  主体标识码 (组织机构代码, GB 11714; position 17 is its own check character)
 *   position 18     校验码
 * Errors name the position, so a clerk can find the mistyped character on the certificate.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeCheck =
  { ok: true; code: string } | { ok: false; position: number | null; message: string };

/** Full-width letters and digits are folded to ASCII and letters upper-cased before checking. */
export function normalizeCreditCode(raw: string): string {
  return raw
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

function orgCodeValue(c: string): number {
  return /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55; // A=10 … Z=35
}

export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeValue(first8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = normalizeCreditCode(raw);
  const chars = [...code];
  if (chars.length !== 18) {
    return { ok: false, position: null, message: `统一社会信用代码应为 18 位，实为 ${chars.length} 位` };
  }
  for (let i = 0; i < 18; i++) {
    const c = chars[i]!;
    if (!ALPHABET.includes(c)) {
      const hint = /[IOZSV]/.test(c) ? '（代码中不使用字母 I、O、Z、S、V）' : '';
      return {
        ok: false,
        position: i + 1,
        message: `统一社会信用代码第 ${i + 1} 位“${c}”不是有效字符${hint}`,
      };
    }
  }
  for (let i = 2; i < 8; i++) {
    if (!/\d/.test(chars[i]!)) {
      return {
        ok: false,
        position: i + 1,
        message: `统一社会信用代码第 ${i + 1} 位“${chars[i]}”应为数字（第 3–8 位是行政区划码）`,
      };
    }
  }
  const orgCheck = orgCodeCheckChar(code.slice(8, 16));
  if (chars[16] !== orgCheck) {
    return {
      ok: false,
      position: 17,
      message: `统一社会信用代码第 17 位（组织机构代码校验码）应为“${orgCheck}”，实为“${chars[16]}”，请核对第 9–17 位`,
    };
  }
  const check = creditCodeCheckChar(code.slice(0, 17));
  if (chars[17] !== check) {
    return {
      ok: false,
      position: 18,
      message: `统一社会信用代码第 18 位（校验码）应为“${check}”，实为“${chars[17]}”，请核对全部 18 位`,
    };
  }
  return { ok: true, code };
}

/** Builds a valid code from its parts (for the demo data and tests). */
export function composeCreditCode(prefix2: string, region6: string, org8: string): string {
  const first16 = prefix2 + region6 + org8;
  const first17 = first16 + orgCodeCheckChar(org8);
  return first17 + creditCodeCheckChar(first17);
}

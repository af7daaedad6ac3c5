import { MAX_COUNT } from '../../contract/figure-text.js';

/**
 * Text normalisation for reading published reports: full-width forms, variant punctuation and
 * the traditional characters that mirror sites substitute, folded so that labels match.
 */

// Traditional → simplified, for the characters of the report's labels and headings (mirror
// sites convert whole pages). Position i of one string maps to position i of the other.
const TRADITIONAL_CHARS =
  '報總計結轉強製開請數處辦執據規範許審資訊機關構團體組織經營業類務費額價對與項決則認歸屬國險穩護權內過問詢現補確訪舉複復隻況進狀縣鄉鎮區實門專欄網頁單錄維訴訟議糾編號條應當將會範圍統華點萬採購繳納週個這們為無從廢發佈顯億兩達選員衛備傳證書圖畫後於學歷勢廣東陝遼寧蘇陽劃層級稅罰標準幣聯藉貫徹堅導責價樹';
const SIMPLIFIED_CHARS =
  '报总计结转强制开请数处办执据规范许审资讯机关构团体组织经营业类务费额价对与项决则认归属国险稳护权内过问询现补确访举复复只况进状县乡镇区实门专栏网页单录维诉讼议纠编号条应当将会范围统华点万采购缴纳周个这们为无从废发布显亿两达选员卫备传证书图画后于学历势广东陕辽宁苏阳划层级税罚标准币联借贯彻坚导责价树';
const singleTraditional = new Map([...TRADITIONAL_CHARS].map((ch, i) => [ch, [...SIMPLIFIED_CHARS][i]!]));

/** Full-width ASCII → ASCII; ideographic space → space; traditional → simplified (label vocabulary). */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || code === 0xa0) out += ' ';
    else out += singleTraditional.get(ch) ?? ch;
  }
  return out;
}

/**
 * The form labels are compared in: folded, without spaces, with one kind of bracket, dot and
 * quote. "（三）1. 危及“三安全一稳定”" and "(三)1．危及\"三安全一稳定\"" compare equal.
 */
export function labelKey(text: string): string {
  return fold(text)
    .replace(/\s+/g, '')
    .replace(/[（【〔［]/g, '(')
    .replace(/[）】〕］]/g, ')')
    .replace(/[“”"'‘’「」『』]/g, '')
    .replace(/[．。·・]/g, '.')
    .replace(/[、，,]/g, '、')
    .replace(/[：:]/g, ':');
}

/** Reads a printed number: thousands separators, full-width digits, units (元, 万元) tolerated. */
export function parseNumber(raw: string): number | null {
  const t = fold(raw)
    .replace(/\s+/g, '')
    .replace(/[,，](?=\d{3}(\D|$))/g, '')
    .replace(/(万元|元|件|条|个|项)$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/**
 * Is a printed figure too large to be one (beyond MAX_COUNT for a count, or the limit given)?
 * Such a figure is never read as a number: beyond 2^53 a number would not even hold the digits
 * printed (99999999999999999999 would become 100000000000000000000), and a message quotes it as
 * printed instead (`printedFigure`).
 */
export function figureTooLarge(printed: string, limit = MAX_COUNT): boolean {
  const whole = printed
    .replace(/[^\d.]/g, '')
    .split('.')[0]!
    .replace(/^0+/, '');
  return whole.length > 16 || Number(whole || '0') > limit;
}

/** A printed figure as a message quotes it: as printed, a run of more than 24 digits shortened. */
export function printedFigure(printed: string): string {
  const digits = printed.replace(/\D/g, '').length;
  return digits > 24 ? `${printed.trim().slice(0, 12)}…（共 ${digits} 位）` : printed.trim();
}

/** A quotation from the text with its long digit runs shortened as `printedFigure` does. */
export function quoteShortened(text: string): string {
  return text.replace(/\d{25,}/g, printedFigure);
}

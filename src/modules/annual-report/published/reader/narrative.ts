import type { NarrativeFigure } from '../../contract/report.js';
import { figureTooLarge } from './normalize.js';

/**
 * Figures the narrative states about requests, appeals and documents ("收到申请 N 件",
 * "办结 N 件", "结转下年度 N 件" …), for the `narrative` check to compare with the tables.
 * Each pattern names what it measures; the check maps measures to table cells.
 */

const N = '(\\d[\\d,，]*)\\s*';
const gap = (n: number) => `[^。；;，,\\d]{0,${n}}?`;

interface Pattern {
  measure: string;
  re: RegExp;
  /** Fixed value, for sentences that state a zero in words ("未接到申请"). */
  value?: number;
}

const patterns: Pattern[] = [
  // received
  {
    measure: 'received',
    re: new RegExp(
      `(?:收到|受理|新收|接到|接收|共收到|共接到)${gap(16)}(?:依申请公开|申请)${gap(8)}${N}(?:件|条|个)`,
    ),
  },
  { measure: 'received', re: new RegExp(`(?:收到|受理|新收|接到|共接到)${gap(6)}${N}件${gap(8)}申请`) },
  { measure: 'received', re: new RegExp(`申请共计${N}件`) },
  {
    measure: 'received',
    re: /(?:未(?:接|收)到|没有收到|无)[^。；;，,\d]{0,12}?(?:依申请公开|公开政府信息的申请|政府信息公开申请|申请)/,
    value: 0,
  },
  // applicant columns of received
  { measure: 'received.naturalPerson', re: new RegExp(`(?:涉及|其中)?自然人${gap(4)}${N}件`) },
  { measure: 'received.commercialEnterprise', re: new RegExp(`商业企业${gap(4)}${N}件`) },
  // carried over from last year
  { measure: 'carriedOver', re: new RegExp(`上年度?结转${gap(16)}${N}件`) },
  // carried forward (before "closed": "转下一年度办理答复的有 1 件" is a carry-forward)
  {
    measure: 'carriedForward',
    re: new RegExp(`(?:结转(?:至|到)?下一?年度?|顺延(?:到|至)下一?年度?|转下一?年度)${gap(12)}${N}件`),
  },
  {
    measure: 'carriedForward',
    re: new RegExp(`${N}件${gap(4)}(?:结转(?:至|到)?下一?年度?|顺延(?:到|至)下一?年度?)`),
  },
  // closed in the year (= 总计); "同意公开答复 9 件" is an outcome, not the total
  { measure: 'closed', re: new RegExp(`(?:办结|(?<!公开|提供的?|处理)答复|办理完毕)${gap(6)}${N}件`) },
  // outcomes
  { measure: 'grantedOrPartial', re: new RegExp(`予以公开(?:及|和|与)部分公开${gap(4)}${N}件`) },
  { measure: 'granted', re: new RegExp(`(?:同意公开|(?<!不)予以公开)(?:答复)?(?!及|和|与)${gap(2)}${N}件`) },
  { measure: 'partiallyGranted', re: new RegExp(`部分公开(?:答复)?${gap(2)}${N}件`) },
  { measure: 'withheld', re: new RegExp(`不予公开(?:答复)?${gap(2)}${N}件`) },
  { measure: 'unavailable', re: new RegExp(`无法提供(?:的)?${gap(2)}${N}件`) },
  { measure: 'notProcessed', re: new RegExp(`不予处理${gap(2)}${N}件`) },
  { measure: 'other', re: new RegExp(`其他处理${gap(2)}${N}件`) },
  // appeals
  { measure: 'review', re: new RegExp(`行政复议(?:案件)?${gap(2)}${N}件`) },
  { measure: 'review', re: new RegExp(`${N}件${gap(16)}行政复议`) },
  { measure: 'litigation', re: new RegExp(`行政诉讼(?:案件|案)?(?:数为)?${gap(2)}${N}件`) },
  // documents
  {
    measure: 'normativeDocuments.inForce',
    re: new RegExp(`现行有效(?:的)?(?:行政)?规范性文件${gap(2)}${N}件`),
  },
];

const resultPatterns: Array<{ result: string; re: RegExp }> = [
  { result: 'upheld', re: new RegExp(`结果维持${gap(2)}${N}件`) },
  { result: 'corrected', re: new RegExp(`结果纠正${gap(2)}${N}件`) },
  { result: 'other', re: new RegExp(`其他结果${gap(2)}${N}件`) },
  { result: 'pending', re: new RegExp(`尚未审结${gap(2)}${N}件`) },
];

function toNumber(raw: string): number {
  return Number(raw.replace(/[,，]/g, ''));
}

/** Joins lines broken inside a sentence (PDF conversions break lines anywhere). */
function unwrap(text: string): string {
  return text
    .replace(/([\u3400-\u9fff，,、\d])\s*\n\s*(?=[\u3400-\u9fff，,、\d])/g, '$1')
    .replace(/[ \t]+/g, ' ');
}

/**
 * The figures the narrative states. A figure too large to be a count is left out, and the clause
 * that states it handed to `onTooLarge` (the reader reports it as unreadable, quoted as printed).
 */
export function extractFigures(
  text: string,
  section: string | null = null,
  onTooLarge: (clause: string, printed: string) => void = () => {},
): NarrativeFigure[] {
  const out: NarrativeFigure[] = [];
  const usable = (clause: string, printed: string | undefined): boolean => {
    if (printed === undefined || !figureTooLarge(printed)) return true;
    onTooLarge(clause.trim(), printed);
    return false;
  };
  const sentences = unwrap(text).split(/[。；;！!？?\n]+/);
  for (const raw of sentences) {
    const sentence = raw.trim();
    if (!sentence || !/件|条|申请/.test(sentence)) continue;
    const clauses = sentence.split(/[，,]/);
    let appealContext: 'review' | 'litigation' | null = null;
    for (const clause of clauses) {
      const taken: Array<[number, number]> = [];
      for (const p of patterns) {
        const m = p.re.exec(clause);
        if (!m) continue;
        const start = m.index;
        const end = start + m[0].length;
        if (taken.some(([a, b]) => start < b && end > a)) continue;
        taken.push([start, end]);
        if (p.value === undefined && !usable(clause, m[1])) continue;
        const value = p.value ?? toNumber(m[1]!);
        if (p.measure === 'review' || p.measure === 'litigation') appealContext = p.measure;
        out.push({ text: clause.trim(), measure: p.measure, value, section });
      }
      if (appealContext) {
        for (const r of resultPatterns) {
          const m = r.re.exec(clause);
          if (m && !taken.some(([a, b]) => m.index < b && m.index + m[0].length > a)) {
            if (!usable(clause, m[1])) continue;
            out.push({
              text: clause.trim(),
              measure: `${appealContext}.${r.result}`,
              value: toNumber(m[1]!),
              section,
            });
          }
        }
      }
    }
  }
  return out;
}

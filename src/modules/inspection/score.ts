import type { Deduction, Evaluation, Veto } from './inspection.js';
import type { DeductionItem, InspectionRules } from './rules.js';
import { deductionItems, deductionLabels, deductionUnits } from './rules.js';

// The 100-point sheet (国办秘函〔2019〕19号 part 2) after the vetoes (part 1): 100 minus the
// deductions, each item capped, never below 0; a veto makes the site 不合格 whatever the score, and
// a score below 60 is 不合格. Points are kept to two decimals so that 0.1 × 3 is 0.3.

export const PASS_MARK = 60;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The deductions for counted units of each item (a unit is what `deductionUnits` says). */
export function deductionsFor(
  counts: Partial<Record<DeductionItem, number>>,
  rules: InspectionRules,
): Deduction[] {
  const out: Deduction[] = [];
  for (const item of deductionItems) {
    const count = counts[item] ?? 0;
    const rule = rules.deductions[item];
    if (!(count > 0) || !(rule.points > 0) || !(rule.cap > 0)) continue;
    const raw = round2(count * rule.points);
    const points = round2(Math.min(raw, rule.cap));
    if (points <= 0) continue;
    const capped = raw > rule.cap ? `，本项最多扣 ${rule.cap} 分` : '';
    out.push({
      item: deductionLabels[item],
      points,
      message: `${deductionUnits[item]}扣 ${rule.points} 分（计 ${count}）${capped}：扣 ${points} 分。`,
    });
  }
  return out;
}

/** 100 minus the deductions, never below 0 nor above 100. */
export function scoreOf(deductions: Deduction[]): number {
  const total = deductions.reduce((s, d) => s + Math.max(0, d.points), 0);
  return Math.min(100, Math.max(0, round2(100 - total)));
}

/** 单项否决 first, then the pass mark. */
export function verdictOf(vetoes: Veto[], score: number): Evaluation['verdict'] {
  if (vetoes.length > 0) return 'veto';
  return score < PASS_MARK ? 'fail' : 'pass';
}

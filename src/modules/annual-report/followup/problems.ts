/**
 * The problems an annual report states in section 五 (存在的主要问题及改进情况), cut into the
 * items the office then tracks until they are fixed (整改). Reports write them three ways: the
 * platform's template (（二）本年度存在的主要问题 … （三）改进措施 …), numbered lists (一是 … 二是 …,
 * 1. …, （1）…, ①), or prose. Numbered items are cut at their numbers; otherwise at full-width
 * semicolons; prose that is neither stays one item, for a person to cut on the page.
 */

/** A problem text is kept to this many characters; the rest is in the published report. */
export const PROBLEM_MAX_CHARS = 500;

const chineseNumerals = '一二三四五六七八九十';

/** Where the part about this year's problems begins: its heading, whichever the report used. */
const problemsHeading =
  /(?:（[二2]）|[二2][、.．])?\s*(?:本年度|当前|目前)?(?:工作中)?存在的?(?:主要)?(?:问题|不足)(?:和不足|及不足)?[。：:]?/;
/** Where it ends: the part on measures or next year's plans. */
const measuresHeading = new RegExp(
  [
    '(?:（[二三23]）|[二三23][、.．])?\\s*(?:改进措施|改进方向|下一步(?:工作)?(?:计划|打算|措施)?|整改措施|下步打算)[。：:]?',
    // "2020年，我们将采取以下措施加以改进：", "下一年度，我局将从以下方面改进："
    '(?:\\d{4}年|下一?年度?)[，,]?[^。；\\n]{0,12}?将(?:采取|从|着重|重点)[^。；\\n]{0,20}?(?:措施|方面|改进)[^。；\\n]{0,8}?[：:]',
  ].join('|'),
);
/** The template's own prompts, never a problem. */
const prompt = /（请[^）]*）/g;
/** "上年度报告所述问题的改进情况" is not this year's problems. */
const lastYearHeading =
  /(?:（[一1]）|[一1][、.．])?\s*上一?年度?(?:报告)?(?:所述|提出|存在)的?问题的?(?:改进|整改)情况[。：:]?/;

/** This year's problems, out of a section 五. */
export function problemsPart(section5: string): string {
  let text = section5.replace(/\r\n?/g, '\n');
  const lastYear = lastYearHeading.exec(text);
  const heading = problemsHeading.exec(lastYear ? text.slice(lastYear.index + lastYear[0].length) : text);
  if (heading) {
    const start = (lastYear ? lastYear.index + lastYear[0].length : 0) + heading.index + heading[0].length;
    text = text.slice(start);
  } else if (lastYear) {
    // Only last year's part is headed: what follows it is not this year's problems.
    text = text.slice(0, lastYear.index);
  }
  const end = measuresHeading.exec(text);
  if (end && end.index > 0) text = text.slice(0, end.index);
  return text.replace(prompt, '').replace(/\s+/g, ' ').trim();
}

/** Numbers that open an item: 一是, 1. / 1、, （1）/（一）, ①. */
const itemNumber = new RegExp(
  [
    `[${chineseNumerals}]是[，,：:]?`,
    '(?<![\\d.])\\d{1,2}[.、．](?!\\d)',
    `[（(](?:\\d{1,2}|[${chineseNumerals}])[)）]`,
    '[①②③④⑤⑥⑦⑧⑨⑩]',
  ].join('|'),
  'g',
);

/** A sentence that turns to next year's plans ends the last problem. */
const turnToPlans = /。(?=\s*(?:\d{4}年|下一步|今后|下步|为此|针对(?:上述|以上|这些)问题))/;

function clean(item: string): string {
  const plans = turnToPlans.exec(item);
  const t = (plans ? item.slice(0, plans.index) : item)
    .replace(/^[\s，,；;。:：]+/, '')
    .replace(/[\s，,；;。]+$/, '')
    .trim();
  return [...t].length > PROBLEM_MAX_CHARS ? `${[...t].slice(0, PROBLEM_MAX_CHARS - 1).join('')}…` : t;
}

/** Too short to be a problem: a stray number, a heading's leftover. */
const meaningful = (s: string) => [...s.replace(/[\s\p{P}]/gu, '')].length >= 4;

/** The problems a section 五 states, each a sentence or a few, in the report's order. */
export function splitProblems(section5: string): string[] {
  const part = problemsPart(section5);
  if (!meaningful(part)) return [];
  const starts = [...part.matchAll(itemNumber)].map((m) => ({ at: m.index, after: m.index + m[0].length }));
  if (starts.length >= 2) {
    const items: string[] = [];
    // Text before the first number is the lead-in ("主要存在以下问题："), not a problem.
    for (const [i, s] of starts.entries()) items.push(clean(part.slice(s.after, starts[i + 1]?.at)));
    return items.filter(meaningful);
  }
  const bySemicolon = part.split(/[；;]/).map(clean).filter(meaningful);
  if (bySemicolon.length >= 2) return bySemicolon;
  return [clean(part)];
}

import { ValidationError, type FieldError } from '../../platform/errors.js';
import type { YearNotice } from './calendar-notices.data.js';
import { nextDate, parseDate, yearOf } from './calendar.js';

/**
 * A year's notice as an administrator enters it: checked before it replaces anything, with every
 * problem named at once (a date listed twice, a make-up day that is not a weekend …).
 */

const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(parseDate(s)) &&
  new Date(parseDate(s)).toISOString().startsWith(s);

export function validateNotice(input: YearNotice): YearNotice {
  const errors: FieldError[] = [];
  const { year } = input;
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    errors.push({ field: 'year', message: '年度应为 2000–2100 之间的整数' });
  if (!input.notice?.trim())
    errors.push({ field: 'notice', message: '请填写通知名称（国务院办公厅关于……年部分节假日安排的通知）' });
  if (input.holidays.length === 0) errors.push({ field: 'holidays', message: '请至少填写一个假期' });
  const seen = new Map<string, string>();
  for (const [i, h] of input.holidays.entries()) {
    const where = `第 ${i + 1} 个假期“${h.name}”`;
    if (!h.name?.trim()) errors.push({ field: 'holidays', message: `第 ${i + 1} 个假期缺少名称` });
    if (!isDate(h.from) || !isDate(h.to)) {
      errors.push({ field: 'holidays', message: `${where}的日期应为有效的 YYYY-MM-DD` });
      continue;
    }
    if (h.from > h.to)
      errors.push({ field: 'holidays', message: `${where}的起始日期 ${h.from} 晚于结束日期 ${h.to}` });
    if (yearOf(h.from) !== year || yearOf(h.to) !== year)
      errors.push({ field: 'holidays', message: `${where}（${h.from}–${h.to}）不在 ${year} 年内` });
    if (parseDate(h.to) - parseDate(h.from) > 15 * 86_400_000)
      errors.push({ field: 'holidays', message: `${where}长于 15 天，请核对` });
    for (let d = h.from; d <= h.to && d <= `${year}-12-31`; d = nextDate(d)) {
      if (seen.has(d))
        errors.push({ field: 'holidays', message: `${d} 重复出现（${seen.get(d)}、${h.name}）` });
      seen.set(d, h.name);
    }
  }
  for (const [i, m] of input.makeupWorkdays.entries()) {
    if (!isDate(m.date)) {
      errors.push({
        field: 'makeupWorkdays',
        message: `第 ${i + 1} 个调休上班日“${m.date}”不是有效的 YYYY-MM-DD`,
      });
      continue;
    }
    const dow = new Date(parseDate(m.date)).getUTCDay();
    if (dow !== 0 && dow !== 6)
      errors.push({ field: 'makeupWorkdays', message: `调休上班日 ${m.date} 不是周六或周日` });
    if (yearOf(m.date) !== year && !(yearOf(m.date) === year - 1 && m.date.slice(5) >= '12-01')) {
      errors.push({ field: 'makeupWorkdays', message: `调休上班日 ${m.date} 不在 ${year} 年内` });
    }
    if (seen.has(m.date))
      errors.push({
        field: 'makeupWorkdays',
        message: `${m.date} 重复出现（${seen.get(m.date)}、${m.name}调休上班）`,
      });
    seen.set(m.date, `${m.name}调休上班`);
  }
  if (errors.length) throw new ValidationError(errors);
  return input;
}

/**
 * Reads the form's text: one holiday per line ("春节 2027-02-06 2027-02-14", "至" or "~" also
 * accepted between the dates) and one make-up day per line ("2027-02-20 春节").
 */
export function noticeFromForm(form: {
  year?: unknown;
  notice?: unknown;
  holidays?: unknown;
  makeupWorkdays?: unknown;
}): YearNotice {
  const errors: FieldError[] = [];
  const lines = (v: unknown) =>
    String(v ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const holidays = lines(form.holidays).map((line, i) => {
    const m = /^(\S+)\s+(\d{4}-\d{2}-\d{2})(?:\s*(?:至|到|~|-|—|\s)\s*(\d{4}-\d{2}-\d{2}))?$/.exec(
      line.replace(/[，,]/g, ' '),
    );
    if (!m) {
      errors.push({
        field: 'holidays',
        message: `假期第 ${i + 1} 行“${line}”应写成“名称 起始日期 结束日期”，如“春节 2027-02-06 2027-02-14”`,
      });
      return { name: '', from: '', to: '' };
    }
    return { name: m[1]!, from: m[2]!, to: m[3] ?? m[2]! };
  });
  const makeupWorkdays = lines(form.makeupWorkdays).map((line, i) => {
    const m = /^(\d{4}-\d{2}-\d{2})\s*(\S*)$/.exec(line);
    if (!m) {
      errors.push({
        field: 'makeupWorkdays',
        message: `调休上班第 ${i + 1} 行“${line}”应写成“日期 假期名称”，如“2027-02-20 春节”`,
      });
      return { date: '', name: '' };
    }
    return { date: m[1]!, name: m[2] || '调休' };
  });
  const year = Number(String(form.year ?? '').trim());
  if (errors.length) throw new ValidationError(errors);
  return validateNotice({ year, notice: String(form.notice ?? '').trim(), holidays, makeupWorkdays });
}

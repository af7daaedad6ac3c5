import { fold } from './normalize.js';

/**
 * Where the parts of a report are, by character offset in its (folded) text. Published reports
 * number their headings inconsistently (a department may call table 三 "二、收到和处理…"), so
 * the tables are found by their own content and the narrative by heading words.
 */
export interface Sections {
  text: string;
  /** [start, end) offsets; null when the part is not in the text. */
  overview: [number, number] | null;
  proactive: [number, number] | null;
  requests: [number, number] | null;
  appeals: [number, number] | null;
  problems: [number, number] | null;
  other: [number, number] | null;
}

function firstIndex(text: string, re: RegExp, from = 0): number {
  const r = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  r.lastIndex = from;
  const m = r.exec(text);
  return m ? m.index : -1;
}

function lastIndexBefore(text: string, re: RegExp, before: number, from = 0): number {
  const r = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  r.lastIndex = from;
  let found = -1;
  let m: RegExpExecArray | null;
  while ((m = r.exec(text)) && m.index < before) found = m.index;
  return found;
}

export function findSections(raw: string): Sections {
  const text = fold(raw);
  const n = text.length;
  // Table 三 begins at its heading just before its first row.
  const firstRow = firstIndex(text, /本年新收/);
  const headingRequests = /收到和处理政府信息公开申请/;
  let requestsStart = -1;
  if (firstRow >= 0) {
    requestsStart = lastIndexBefore(text, headingRequests, firstRow);
    const applicant = lastIndexBefore(text, /申请人情况/, firstRow);
    if (requestsStart < 0 || (applicant >= 0 && firstRow - requestsStart > 2000))
      requestsStart = applicant >= 0 ? applicant : Math.max(0, firstRow - 20);
  } else {
    // Cut off before the first row: the heading, if it stands after table 二.
    const t2 = firstIndex(text, /第二十条\s*第/);
    requestsStart = t2 >= 0 ? firstIndex(text, headingRequests, t2) : -1;
  }
  let proactiveStart = firstIndex(text, /第二十条\s*第/);
  // A table printed without its 第二十条 captions starts at its section's heading (the last one
  // before table 三: the opening paragraph names the sections too), followed by its own header.
  if (proactiveStart < 0) {
    const heading = lastIndexBefore(
      text,
      /[二2][、.]\s*主动公开政府信息(情况)?/,
      requestsStart >= 0 ? requestsStart : n,
    );
    if (heading >= 0 && firstIndex(text, /信息内容|规章|规范性文件|行政许可/, heading) >= 0)
      proactiveStart = heading;
  }
  const proactiveHeading =
    proactiveStart >= 0
      ? lastIndexBefore(text, /主动公开政府信息(情况)?/, proactiveStart, Math.max(0, proactiveStart - 300))
      : -1;
  const afterRequests = requestsStart >= 0 ? requestsStart : proactiveStart >= 0 ? proactiveStart : 0;
  const carried = firstIndex(text, /结转下年度/, afterRequests);
  const appealsFrom = carried >= 0 ? carried : afterRequests;
  let appealsStart = firstIndex(text, /行政复议[、和及与]?\s*行政诉讼|复议、诉讼/, appealsFrom);
  const upheld = firstIndex(text, /结果维持/, appealsFrom);
  if (appealsStart < 0 || (upheld >= 0 && upheld - appealsStart > 400))
    appealsStart = upheld >= 0 ? Math.max(appealsFrom, upheld - 40) : -1;
  const problemsStart = firstIndex(
    text,
    /[五5][、.]\s*(政府信息公开(工作)?)?存在的?主要问题/,
    Math.max(appealsStart, afterRequests, 0),
  );
  const otherStart = firstIndex(
    text,
    /[六6][、.]\s*其他需要报告的事项/,
    Math.max(problemsStart, afterRequests, 0),
  );
  const overviewStart = firstIndex(text, /[一1][、.]\s*总体情况/);

  const starts = [
    { key: 'overview', at: overviewStart >= 0 ? overviewStart : 0 },
    { key: 'proactive', at: proactiveHeading >= 0 ? proactiveHeading : proactiveStart },
    { key: 'requests', at: requestsStart },
    { key: 'appeals', at: appealsStart },
    { key: 'problems', at: problemsStart },
    { key: 'other', at: otherStart },
  ] as const;
  const present = starts.filter((s) => s.at >= 0).sort((a, b) => a.at - b.at);
  const range = (key: string): [number, number] | null => {
    const i = present.findIndex((s) => s.key === key);
    if (i < 0) return null;
    return [present[i]!.at, present[i + 1]?.at ?? n];
  };
  return {
    text,
    overview: range('overview'),
    proactive: range('proactive'),
    requests: range('requests'),
    appeals: range('appeals'),
    problems: range('problems'),
    other: range('other'),
  };
}

/** 1-based line number of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

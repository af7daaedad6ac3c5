/**
 * Line breaking for Chinese text set in a fixed width, by the usual rules (GB/T 15834 and
 * the 公文 practice): a line may break between any two ideographs, but never inside a run of
 * Latin letters and digits (a year, a figure, a web address), never before closing punctuation
 * (no line starts with ，。、；：？！）》」”…) and never after opening punctuation (no line ends
 * with （《「“). Pure: widths come from the caller's `measure`.
 */

/** Characters that may not start a line. */
export const NO_LINE_START = '，。、；：？！）》」』”’〕】〉｝］…·%‰,.;:?!)]}°℃';
/** Characters that may not end a line. */
export const NO_LINE_END = '（《「『“‘〔【〈｛［([{';

const latin = /[A-Za-z0-9@#&_+\-./:=~%]/;

/**
 * The text as units that are never split: an ideograph, a Latin/digit run, a space, with closing
 * punctuation joined to the unit before it and opening punctuation to the unit after it.
 */
export function breakUnits(text: string): string[] {
  const raw: string[] = [];
  const chars = [...text];
  for (let i = 0; i < chars.length;) {
    const ch = chars[i]!;
    if (latin.test(ch) && !NO_LINE_START.includes(ch)) {
      let j = i + 1;
      while (j < chars.length && latin.test(chars[j]!)) j++;
      // A run ends with its own closing dot or comma: those belong to it, as closing punctuation.
      raw.push(chars.slice(i, j).join(''));
      i = j;
    } else if (ch === '—' || ch === '…') {
      // A dash or an ellipsis is written doubled (——, ……) and never split.
      let j = i + 1;
      while (j < chars.length && chars[j] === ch) j++;
      raw.push(chars.slice(i, j).join(''));
      i = j;
    } else {
      raw.push(ch);
      i += 1;
    }
  }
  const units: string[] = [];
  let pendingOpen = '';
  for (const u of raw) {
    const first = [...u][0]!;
    if (units.length && !pendingOpen && u !== ' ' && NO_LINE_START.includes(first)) {
      units[units.length - 1] += u;
    } else if (u.length === 1 && NO_LINE_END.includes(u)) {
      pendingOpen += u;
    } else {
      units.push(pendingOpen + u);
      pendingOpen = '';
    }
  }
  if (pendingOpen) units.push(pendingOpen);
  return units;
}

/**
 * Breaks `text` into lines no wider than `width` (a unit wider than a whole line is split by
 * characters, the only break inside a unit). Spaces at the end of a line are dropped.
 */
export function breakLines(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const flush = () => {
    lines.push(line.replace(/\s+$/, ''));
    line = '';
    used = 0;
  };
  for (const unit of breakUnits(text)) {
    const w = measure(unit);
    if (unit === ' ' && line === '') continue;
    if (used + w <= width + 0.01) {
      line += unit;
      used += w;
      continue;
    }
    if (unit === ' ') {
      flush();
      continue;
    }
    if (w <= width / 3 || (w <= width + 0.01 && used === 0)) {
      if (line.trim() !== '') flush();
      line = unit;
      used = w;
      continue;
    }
    // A long run (a web address) fills the line and goes on on the next one, split by
    // characters; closing punctuation still never starts a line.
    for (const ch of unit) {
      const cw = measure(ch);
      if (used + cw > width + 0.01 && line.trim() !== '' && !NO_LINE_START.includes(ch)) {
        // Opening punctuation at the end of the line (“「 … however many) goes on with what it
        // opens. A line of nothing but opening marks is not broken at all: it runs over.
        const chars = [...line];
        let keep = chars.length;
        while (keep > 0 && NO_LINE_END.includes(chars[keep - 1]!)) keep--;
        if (keep > 0) {
          const carry = chars.slice(keep).join('');
          line = chars.slice(0, keep).join('');
          flush();
          line = carry;
          used = carry ? measure(carry) : 0;
        }
      }
      line += ch;
      used += cw;
    }
  }
  if (line.trim() !== '' || lines.length === 0) flush();
  return lines;
}

/** Whether a line obeys the rules: it starts with no closing and ends with no opening punctuation. */
export function legalLine(line: string): boolean {
  const chars = [...line];
  return !NO_LINE_START.includes(chars[0] ?? '') && !NO_LINE_END.includes(chars[chars.length - 1] ?? '');
}

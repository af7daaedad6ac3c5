/**
 * Digit runs where a table's cells ran together ("640020470" = 64|0|0|2|0|4|70). A run is split
 * only where the table's own relations make the split unique; otherwise the row is unreadable.
 */

const MAX_DIGITS = 9;
/** Steps a search may take: beyond this the run is too long to split with confidence. */
const MAX_STEPS = 200_000;

/** Returned when the search was cut short: as good as "several ways", so never unique. */
const TOO_MANY: number[][] = [[], []];

/**
 * All ways (up to `limit`) to cut the given digit strings into exactly `n` numbers, each piece
 * a number without leading zeros, every string cut into at least one piece (a gap in the print
 * is a cell boundary), such that `accept` holds.
 */
export function splits(
  parts: string[],
  n: number,
  accept: (values: number[]) => boolean,
  limit = 2,
): number[][] {
  const totalDigits = parts.reduce((s, p) => s + p.length, 0);
  if (totalDigits < n || parts.length > n) return [];
  const found: number[][] = [];
  const values: number[] = [];
  let steps = 0;
  const walk = (pi: number, ci: number, remainingDigits: number): void => {
    if (found.length >= limit || ++steps > MAX_STEPS) return;
    const remainingNumbers = n - values.length;
    if (pi === parts.length) {
      if (remainingNumbers === 0 && accept(values)) found.push([...values]);
      return;
    }
    const part = parts[pi]!;
    if (ci === part.length) return walk(pi + 1, 0, remainingDigits);
    // Every remaining part needs at least one number; every number at least one digit.
    const partsLeftAfter = parts.length - pi - 1;
    if (remainingNumbers < partsLeftAfter + 1 || remainingDigits < remainingNumbers) return;
    if (remainingDigits > remainingNumbers * MAX_DIGITS) return;
    const maxLen = part[ci] === '0' ? 1 : Math.min(MAX_DIGITS, part.length - ci);
    for (let len = 1; len <= maxLen; len++) {
      values.push(Number(part.slice(ci, ci + len)));
      walk(pi, ci + len, remainingDigits - len);
      values.pop();
      if (found.length >= limit) return;
    }
  };
  walk(0, 0, totalDigits);
  return steps > MAX_STEPS ? TOO_MANY : found;
}

/**
 * Every split (up to `limit`), trying the print's own gaps first and, when they allow none,
 * ignoring them.
 */
export function candidateSplits(
  parts: string[],
  n: number,
  accept: (values: number[]) => boolean,
  limit = 64,
): number[][] {
  const withGaps = splits(parts, n, accept, limit);
  if (withGaps.length) return withGaps;
  return splits([parts.join('')], n, accept, limit);
}

/** The unique split, trying the print's own gaps first and then ignoring them; null if none or several. */
export function uniqueSplit(
  parts: string[],
  n: number,
  accept: (values: number[]) => boolean,
): number[] | null {
  const withGaps = splits(parts, n, accept);
  if (withGaps.length === 1) return withGaps[0]!;
  if (withGaps.length > 1) return null;
  const joined = splits([parts.join('')], n, accept);
  return joined.length === 1 ? joined[0]! : null;
}

export const rowSumHolds = (v: number[]): boolean => v.slice(0, 6).reduce((a, b) => a + b, 0) === v[6];

/** Table 四: three groups of five, each total = the four results. */
export const appealsSumsHold = (v: number[]): boolean =>
  [0, 5, 10].every((o) => v[o]! + v[o + 1]! + v[o + 2]! + v[o + 3]! === v[o + 4]);

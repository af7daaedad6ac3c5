import { readFileSync } from 'node:fs';

/**
 * GB/T 4754-2017《国民经济行业分类》(with 2019 第1号修改单) as a lookup: 20 门类 (A–T),
 * 97 大类, 473 中类, 1382 小类. The code list itself is data (./data/gbt4754-2017.json, see the
 * README beside it); this file only loads it and answers questions about codes.
 *
 * Codes are written the way the standard writes them: a letter for a 门类, two digits for a
 * 大类, three for a 中类, four for a 小类. The digits nest (小类 0111 lies in 中类 011 and 大类
 * 01); the 门类 of a 大类 is fixed by the standard (A 01–05 … T 97) and read here from the
 * order of the list, where each 门类 row is followed by its own 大类.
 * Inputs may carry the 门类 letter in front ('C1311', 'C13') as 统计 forms often do; it is
 * checked against the digits and dropped.
 */

/** 门类 / 大类 / 中类 / 小类. */
export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

/** One row of the code list, as the standard prints it. */
export interface IndustryRow {
  readonly code: string;
  readonly name: string;
}

/** A code of the list with its level, 门类 and the chain of rows from the 门类 down. */
export interface IndustryEntry extends IndustryRow {
  readonly level: IndustryLevel;
  /** The 门类 letter. */
  readonly section: string;
  /** From the 门类 down to this row itself. */
  readonly path: readonly IndustryRow[];
}

/** A search hit: the entry plus its full path label. */
export interface IndustrySearchHit extends IndustryEntry {
  /** e.g. "C 制造业 › 13 农副食品加工业 › 1311 稻谷加工". */
  readonly label: string;
}

/** Chinese names of the levels, for display. */
export const INDUSTRY_LEVEL_LABELS: Readonly<Record<IndustryLevel, string>> = {
  section: '门类',
  division: '大类',
  group: '中类',
  class: '小类',
};

const LEVEL_BY_LENGTH: Readonly<Record<number, IndustryLevel>> = {
  1: 'section',
  2: 'division',
  3: 'group',
  4: 'class',
};

/** Reads and checks the JSON: an array of {code, name} strings. */
function loadRows(): readonly IndustryRow[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('./data/gbt4754-2017.json', import.meta.url), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('gbt4754-2017.json: expected an array');
  return raw.map((item: unknown, i): IndustryRow => {
    if (typeof item !== 'object' || item === null)
      throw new Error(`gbt4754-2017.json: row ${i} is not an object`);
    const { code, name } = item as Record<string, unknown>;
    if (typeof code !== 'string' || !/^(?:[A-T]|\d{2,4})$/.test(code) || typeof name !== 'string' || !name) {
      throw new Error(`gbt4754-2017.json: row ${i} is malformed`);
    }
    return Object.freeze({ code, name });
  });
}

interface Indexed {
  readonly rows: readonly IndustryRow[];
  readonly entries: ReadonlyMap<string, IndustryEntry>;
  readonly order: ReadonlyMap<string, number>;
  readonly classes: readonly string[];
  readonly classIndex: ReadonlyMap<string, number>;
}

/** Builds the entries in one pass over the list in the standard's order. */
function index(rows: readonly IndustryRow[]): Indexed {
  const entries = new Map<string, IndustryEntry>();
  const order = new Map<string, number>();
  const sectionOfDivision = new Map<string, string>();
  let section: IndustryRow | undefined;
  rows.forEach((row, i) => {
    const level = LEVEL_BY_LENGTH[row.code.length];
    if (!level) throw new Error(`gbt4754-2017.json: bad code ${row.code}`);
    if (entries.has(row.code)) throw new Error(`gbt4754-2017.json: duplicate code ${row.code}`);
    if (level === 'section') section = row;
    if (!section) throw new Error('gbt4754-2017.json: the list must start with a 门类');
    if (level === 'division') sectionOfDivision.set(row.code, section.code);
    const letter = level === 'section' ? row.code : sectionOfDivision.get(row.code.slice(0, 2));
    if (letter !== section.code) throw new Error(`gbt4754-2017.json: ${row.code} is out of place`);
    const path: IndustryRow[] = [section];
    for (let n = 2; n <= row.code.length; n++) {
      const parent = entries.get(row.code.slice(0, n));
      const own = n === row.code.length ? row : parent;
      if (!own) throw new Error(`gbt4754-2017.json: ${row.code} has no parent ${row.code.slice(0, n)}`);
      path.push({ code: own.code, name: own.name });
    }
    entries.set(row.code, Object.freeze({ ...row, level, section: letter, path: Object.freeze(path) }));
    order.set(row.code, i);
  });
  const classes = rows.filter((r) => r.code.length === 4).map((r) => r.code);
  return { rows, entries, order, classes, classIndex: new Map(classes.map((c, i) => [c, i])) };
}

const DATA = index(loadRows());

/** Every row of the list, in the standard's order. */
export function industryRows(): readonly IndustryRow[] {
  return DATA.rows;
}

/**
 * The canonical code for an input: 'A' for a 门类, the digits otherwise. Accepts surrounding
 * spaces, lower case and full-width characters, and a leading 门类 letter before digits
 * ('C1311' → '1311') when the letter is the right one. Undefined when the code is not in the list.
 */
export function normalizeIndustryCode(input: string): string | undefined {
  const s = input.normalize('NFKC').trim().toUpperCase();
  const m = /^([A-Z]?)(\d{0,4})$/.exec(s);
  if (!m) return undefined;
  const [, letter = '', digits = ''] = m;
  const code = digits || letter;
  const entry = DATA.entries.get(code);
  if (!entry) return undefined;
  if (digits && letter && entry.section !== letter) return undefined;
  return code;
}

/** The entry for a code ('0111', 'A0111', 'C13', 'C'), or undefined when it is not in the list. */
export function industryByCode(code: string): IndustryEntry | undefined {
  const c = normalizeIndustryCode(code);
  return c === undefined ? undefined : DATA.entries.get(c);
}

/** The 门类 letter of any code in the list. */
export function sectionOf(code: string): string | undefined {
  return industryByCode(code)?.section;
}

/**
 * Whether the 小类 `classCode` lies under `ruleCode`, at any level: the 门类 letter, a 大类,
 * a 中类 or the 小类 itself. False when either code is unknown or `classCode` is not a 小类.
 */
export function isWithin(classCode: string, ruleCode: string): boolean {
  const cls = industryByCode(classCode);
  const rule = industryByCode(ruleCode);
  if (!cls || !rule || cls.level !== 'class') return false;
  return rule.level === 'section' ? cls.section === rule.code : cls.code.startsWith(rule.code);
}

/** "C 制造业 › 13 农副食品加工业 › 1311 稻谷加工". */
export function industryPathLabel(entry: IndustryEntry): string {
  return entry.path.map((p) => `${p.code} ${p.name}`).join(' › ');
}

/** The code as 统计 forms print it: the 门类 letter in front ("C", "C13", "C1311"). */
export function displayCode(entry: IndustryEntry): string {
  return entry.level === 'section' ? entry.code : `${entry.section}${entry.code}`;
}

/** "制造业（C）", "农副食品加工业（C13）", "稻谷加工（C1311）"; undefined for an unknown code. */
export function industryLabel(code: string): string | undefined {
  const entry = industryByCode(code);
  return entry && `${entry.name}（${displayCode(entry)}）`;
}

/** A query that looks like a code: an optional 门类 letter and leading digits of a code. */
interface CodeQuery {
  readonly letter: string;
  readonly digits: string;
}

/** Reads 'C', '13', 'C13', '131', 'c1311' as a code query; anything else is not one. */
function codeQueryOf(text: string): CodeQuery | undefined {
  const m = /^([A-T]?)(\d{0,4})$/.exec(text.toUpperCase());
  if (!m) return undefined;
  const [, letter = '', digits = ''] = m;
  return letter || digits ? { letter, digits } : undefined;
}

/** How well a row answers a query: lower is better, undefined for no match. */
function matchRank(entry: IndustryEntry, code: CodeQuery | undefined, text: string): number | undefined {
  if (code && (!code.letter || entry.section === code.letter)) {
    if (!code.digits && entry.code === code.letter) return 0;
    if (code.digits && entry.code === code.digits) return 0;
    if (code.digits ? entry.code.startsWith(code.digits) : entry.level !== 'section') return 1;
  }
  if (entry.name === text) return 0;
  if (entry.name.startsWith(text)) return 2;
  if (entry.name.includes(text)) return 3;
  return undefined;
}

/**
 * Rows whose name contains the query, or whose code starts with it ('13', 'C13', '131', 'C'),
 * best first: exact code or name, then code prefix, then name prefix, then name substring; ties
 * in the standard's order. At most `limit` hits; an empty query finds nothing.
 */
export function searchIndustries(query: string, limit = 20): IndustrySearchHit[] {
  const text = query.normalize('NFKC').trim();
  if (!text || limit <= 0) return [];
  const codeQuery = codeQueryOf(text);
  const hits: { entry: IndustryEntry; rank: number; at: number }[] = [];
  for (const entry of DATA.entries.values()) {
    const rank = matchRank(entry, codeQuery, text);
    if (rank !== undefined) hits.push({ entry, rank, at: DATA.order.get(entry.code) ?? 0 });
  }
  hits.sort((a, b) => a.rank - b.rank || a.at - b.at);
  return hits.slice(0, limit).map(({ entry }) => ({ ...entry, label: industryPathLabel(entry) }));
}

/** The 1382 小类 codes, in the standard's order. */
export function allClasses(): string[] {
  return [...DATA.classes];
}

/** The position of a 小类 in `allClasses()`, or -1 when the code is not a 小类. */
export function classIndex(code: string): number {
  const c = normalizeIndustryCode(code);
  return c === undefined ? -1 : (DATA.classIndex.get(c) ?? -1);
}

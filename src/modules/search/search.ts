import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { governmentTerms } from './gov-terms.js';

// Pure search rules: how text becomes tokens, how a query is read, how hits are ranked and how
// a snippet is cut. Both engines index and ask with exactly these, so they find the same records
// and rank them the same way.

const require = createRequire(import.meta.url);

let jieba: Jieba | undefined;

/** The segmenter, built once: jieba's own dictionary plus the government terms, at high frequency. */
function segmenter(): Jieba {
  if (!jieba) {
    // The dictionary file read here, not through '@node-rs/jieba/dict': that module also reads the
    // 6 MB IDF table and keeps both buffers (11 MB) for the life of the process.
    const dict = readFileSync(join(dirname(require.resolve('@node-rs/jieba/dict')), 'dict.txt'));
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(governmentTerms.map((w) => `${w} 200000 n`).join('\n'), 'utf8'));
  }
  return jieba;
}

const OPEN = /[［[（(【〔｛{]/g;
const CLOSE = /[］\]）)】〕｝}]/g;

/**
 * One spelling for matching: full-width letters and digits made half-width (NFKC), Latin
 * lower-cased, runs of white space made one space. 〔〕 survive NFKC, so 文号 brackets are kept.
 */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A 文号 as it is written: typed with any of the brackets people use (晋政文[2020]12号,
 * 晋政文（2020）12号) or full-width digits, it reads as 晋政文〔2020〕12号.
 */
export function docNumberSpelling(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(OPEN, '〔').replace(CLOSE, '〕');
}

/** A 文号 for matching: its spelling, Latin lower-cased like every indexed text. */
export function normalizeDocNumber(text: string): string {
  return docNumberSpelling(text).toLowerCase();
}

const CJK = /\p{Script=Han}/u;
const DOC_NUMBER = /^[\p{Script=Han}a-z]{1,20}〔(19|20)\d{2}〕\d{1,6}号$/u;
const INDEX_NUMBER = /^[0-9a-z]{18}\/\d{4}-\d{5}$/;

/** Parts of a jieba word split at anything not a letter or digit; memoized, as words repeat. */
const partsCache = new Map<string, readonly string[]>();
const ALNUM_ONLY = /^[\p{L}\p{N}]+$/u;

function partsOf(w: string): readonly string[] {
  let parts = partsCache.get(w);
  if (!parts) {
    parts = ALNUM_ONLY.test(w) ? [w] : w.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    // A bound on the memo: a corpus has far fewer distinct words, but nothing grows unbounded.
    if (partsCache.size >= 200_000) partsCache.clear();
    partsCache.set(w, parts);
  }
  return parts;
}

/**
 * Whether a character is Han. Most are in the URO block (U+4E00–U+9FFF, all Han); nothing below
 * U+2E80 is; the rest asks the Unicode property, once per character seen.
 */
const hanCache = new Map<string, boolean>();
function isHan(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  if (c < 0x2e80) return false;
  let han = hanCache.get(ch);
  if (han === undefined) {
    han = CJK.test(ch);
    if (hanCache.size < 100_000) hanCache.set(ch, han);
  }
  return han;
}

/**
 * One document's distinct tokens, in the order first met. Most are one BMP character (every Han
 * character is a token, and jieba's one-character words), so those are told apart by a stamp per
 * code unit rather than hashed into a set: a rebuild meets each document's few hundred
 * characters once each, a million documents over (ADR 0014, fifth step).
 */
class Tokens {
  private static readonly seen = new Uint32Array(0x10000);
  private static generation = 0;
  /** Indexed by code unit, allocated whole so that V8 keeps it a flat array. */
  private static readonly chars: (string | undefined)[] = new Array<string | undefined>(0x10000).fill(
    undefined,
  );
  readonly out: string[] = [];
  private readonly longer = new Set<string>();
  private readonly g: number;

  constructor() {
    if (++Tokens.generation === 0xffffffff) {
      Tokens.seen.fill(0);
      Tokens.generation = 1;
    }
    this.g = Tokens.generation;
  }

  /** A BMP character by its code unit: the same string each time, made once. */
  private char(c: number): string {
    return (Tokens.chars[c] ??= String.fromCharCode(c));
  }

  addUnit(c: number): void {
    if (Tokens.seen[c] !== this.g) {
      Tokens.seen[c] = this.g;
      this.out.push(this.char(c));
    }
  }

  add(token: string): void {
    if (token.length === 1) this.addUnit(token.charCodeAt(0));
    else if (!this.longer.has(token)) {
      this.longer.add(token);
      this.out.push(token);
    }
  }

  /** A jieba word, split at anything not a letter or digit. */
  addWord(w: string): void {
    // Most words are Han characters of the BMP, Latin letters and digits only: their own one part.
    let plain = true;
    for (let i = 0; i < w.length && plain; i++) {
      const c = w.charCodeAt(i);
      plain = c >= 0x4e00 ? c <= 0x9fff : (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    }
    if (!plain) for (const part of partsOf(w)) this.add(part);
    else if (w.length === 1) this.addUnit(w.charCodeAt(0));
    else this.add(w);
  }

  /** Every Han character of `text`, walking code units (a rebuild's hot loop). */
  addHan(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x2e80) continue;
      if (c >= 0x4e00 && c <= 0x9fff) {
        this.addUnit(c);
        continue;
      }
      // A character outside the BMP is a surrogate pair: taken whole.
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      if (ch.length === 2) i++;
      if (isHan(ch)) this.add(ch);
    }
  }
}

/**
 * The distinct tokens of a document: its words (jieba in search mode, split at anything not a
 * letter or digit), and every Han character on its own, so that a one-character query (税, 镇)
 * finds every record that contains the character.
 */
export function documentTokens(...texts: string[]): string[] {
  return normalizedTokens(texts.map(normalize));
}

/**
 * `documentTokens` of texts already normalized. jieba cuts them in one call, joined by a line
 * break: it cuts at white space, which normalized text holds only as single spaces, so each
 * line break comes back as a token of its own and marks where the next text begins.
 */
export function normalizedTokens(texts: readonly string[]): string[] {
  const parts = texts.filter(Boolean);
  const tokens = new Tokens();
  let k = 0;
  for (const w of segmenter().cutForSearch(parts.join('\n'), true)) {
    if (w === '\n') tokens.addHan(parts[k++]!);
    else tokens.addWord(w);
  }
  if (k < parts.length) tokens.addHan(parts[k]!);
  return tokens.out;
}

/**
 * Every one- and two-character piece of a title's runs of letters and digits: a query word of one
 * or two characters is inside the title exactly when it is among these, so the ranking's "word in
 * the title" has an index of its own. Longer text is inside the title only if all its pieces are
 * (on PostgreSQL these select the candidates that LIKE then confirms; SQLite has trigrams).
 */
export function titleGrams(title: string): string[] {
  return normalizedTitleGrams(normalize(title));
}

/** A normalized text's runs of letters and digits, each as its characters (code points). */
function runsOf(text: string): string[][] {
  return text.split(/[^\p{L}\p{N}]+/u).map((run) => [...run]);
}

/**
 * The title pieces (`titleGrams`) a title must hold to contain this normalized text: every
 * two-character piece of the text's runs, and a run of one character itself. None when the text
 * has no letter or digit.
 */
export function piecesWithin(text: string): string[] {
  const set = new Set<string>();
  for (const chars of runsOf(text)) {
    if (chars.length === 1) set.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i]! + chars[i + 1]!);
  }
  return [...set];
}

/** `titleGrams` of a title already normalized. */
export function normalizedTitleGrams(title: string): string[] {
  const set = new Set<string>();
  for (const chars of runsOf(title)) {
    for (let i = 0; i < chars.length; i++) {
      set.add(chars[i]!);
      if (i + 1 < chars.length) set.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...set];
}

export interface QueryPlan {
  /** The query as typed, normalized; matched as a substring of title and body. */
  phrase: string;
  /** Every token must be among the record's tokens (for queries that are not a literal phrase). */
  tokens: string[];
  /** Set when the query reads as a 文号: matched exactly, ranked first. */
  docNumber?: string;
  /** Set when the query reads as a 索引号: matched exactly, ranked first. */
  indexNumber?: string;
}

/** Reads a query; undefined when nothing searchable is left. */
export function planQuery(query: string): QueryPlan | undefined {
  const phrase = normalize(query).slice(0, 100);
  if (!phrase) return undefined;
  const tokens = [...new Set(phrase.split(' ').flatMap((part) => queryWords(part)))];
  if (!tokens.length) return undefined;
  const plan: QueryPlan = { phrase, tokens };
  const doc = normalizeDocNumber(query);
  if (DOC_NUMBER.test(doc)) plan.docNumber = doc;
  if (INDEX_NUMBER.test(phrase.replace(/\s+/g, '')))
    plan.indexNumber = phrase.replace(/\s+/g, '').toUpperCase();
  return plan;
}

/** A query is cut in precise mode: its words must all be there, not every sub-word search mode adds. */
function queryWords(part: string): string[] {
  const out: string[] = [];
  for (const w of segmenter().cut(part, true)) {
    for (const p of w.split(/[^\p{L}\p{N}]+/u)) if (p) out.push(p);
  }
  return out;
}

/**
 * The rank of a hit, the same integer on both engines: an exact 文号 or 索引号 first, then the
 * whole phrase in the title, then the phrase in the body, then how many of the query's words
 * the title holds. Ties go to the newer record.
 */
export const SCORE = { exact: 1000, phraseInTitle: 100, phraseInBody: 50, wordInTitle: 10 } as const;

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * A window of the body around the first place the phrase (or else a query word) occurs, with
 * every occurrence of a query word marked. Falls back to the body's opening.
 */
export function snippet(body: string, plan: QueryPlan, width = 90): SnippetPart[] {
  const text = body.replace(/\s+/g, ' ').trim();
  const lower = text.normalize('NFKC').toLowerCase();
  const sameLength = lower.length === text.length;
  const needles = [plan.phrase, ...plan.tokens].filter((n) => n.length > 0);
  let at = -1;
  for (const n of needles) {
    at = sameLength ? lower.indexOf(n) : -1;
    if (at >= 0) break;
  }
  const start = Math.max(0, at < 0 ? 0 : at - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  const window = text.slice(start, end);
  const lw = sameLength ? lower.slice(start, end) : window;
  const marks = new Array<boolean>(window.length).fill(false);
  for (const n of needles.sort((a, b) => b.length - a.length)) {
    if (n.length === 1 && needles.length > 1 && !CJK.test(n)) continue;
    for (let i = lw.indexOf(n); i >= 0; i = lw.indexOf(n, i + n.length)) marks.fill(true, i, i + n.length);
  }
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', hit: false });
  for (let i = 0; i < window.length;) {
    let j = i;
    while (j < window.length && marks[j] === marks[i]) j++;
    parts.push({ text: window.slice(i, j), hit: marks[i]! });
    i = j;
  }
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts;
}

/** The snippet as plain text, hits in 【】, for the CLI and the API. */
export function snippetText(parts: SnippetPart[]): string {
  return parts.map((p) => (p.hit ? `【${p.text}】` : p.text)).join('');
}

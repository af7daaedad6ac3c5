import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { it } from 'node:test';
import { Jieba } from '@node-rs/jieba';
import fc from 'fast-check';
import { generator } from '../../../test/harness/search-corpus.js';
import { governmentTerms } from './gov-terms.js';
import { documentTokens, normalize, piecesWithin, titleGrams } from './search.js';

// documentTokens is a rebuild's hot loop and was rewritten for speed (ADR 0014, fifth step): one
// jieba call per document, one-character tokens told apart by a stamp per code unit. The index
// must hold exactly the tokens it held before, in the same order; this is the plain version it
// replaced, kept here as the reference.

const require = createRequire(import.meta.url);
const jieba = Jieba.withDict(readFileSync(join(dirname(require.resolve('@node-rs/jieba/dict')), 'dict.txt')));
jieba.loadDict(Buffer.from(governmentTerms.map((w) => `${w} 200000 n`).join('\n'), 'utf8'));

function referenceTokens(...texts: string[]): string[] {
  const set = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    const n = normalize(t);
    for (const w of jieba.cutForSearch(n, true))
      for (const part of w.split(/[^\p{L}\p{N}]+/u).filter(Boolean)) set.add(part);
    for (const ch of n) if (/\p{Script=Han}/u.test(ch)) set.add(ch);
  }
  return [...set];
}

function referenceGrams(title: string): string[] {
  const set = new Set<string>();
  for (const run of normalize(title).split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      set.add(chars[i]!);
      if (i + 1 < chars.length) set.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...set];
}

it('cuts the bench corpus into the same tokens, in the same order, as the plain version', () => {
  const make = generator(11);
  for (let i = 0; i < 3000; i++) {
    const d = make(i);
    const texts = [d.title, d.body, d.docNumber ?? '', d.subjectCategory ?? ''];
    assert.deepEqual(documentTokens(...texts), referenceTokens(...texts), d.title);
    assert.deepEqual(titleGrams(d.title), referenceGrams(d.title));
  }
});

// Text drawn from what records hold: Han (common, rare and outside the BMP), Latin in both
// widths and cases, digits, 文号 brackets, punctuation, every kind of white space (line breaks,
// the ideographic space, U+0085) and lone surrogates.
const pieces = [
  ...'政务公开信息关于印发晋江市磁灶镇的通知税镇乡村〇㐀丶⺀⿰',
  '𠀀',
  '𪚥',
  '𫝀',
  ...'aZｚＡ1９０ßİ',
  ...'〔〕[]（）()【】，。、；：“”‘’-_/\\.%#&+',
  ...' \n\r\t\u3000\u0085\u00a0\ufeff',
  '\ud800',
  '\udc00',
  '晋政文〔2020〕12号',
  '11350582003500011X/2020-00001',
  '规范性文件',
  '有效期五年',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join(''));

it('cuts any text into the same tokens, in the same order, as the plain version', () => {
  fc.assert(
    fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (texts) => {
      assert.deepEqual(documentTokens(...texts), referenceTokens(...texts));
      assert.deepEqual(titleGrams(texts[0]!), referenceGrams(texts[0]!));
    }),
    { numRuns: 2000 },
  );
});

it('keeps one document’s tokens apart from the next one’s', () => {
  assert.deepEqual(documentTokens('税'), ['税']);
  // The stamp of the first document's characters must not hide them from the second.
  assert.deepEqual(documentTokens('税', '镇'), ['税', '镇']);
  assert.deepEqual(documentTokens('镇'), ['镇']);
  assert.deepEqual(documentTokens('', '  ', '税务'), referenceTokens('', '  ', '税务'));
});

// PostgreSQL finds text inside a title through the title's pieces (search.dialect.ts
// titleContains): whatever a title contains, the pieces of it must all be among the title's.
it('finds the pieces of every text inside a title among the title’s pieces', () => {
  fc.assert(
    fc.property(text, fc.nat(), fc.nat(), (title, a, b) => {
      const t = normalize(title);
      const inside = t.slice(Math.min(a, b) % (t.length + 1), Math.max(a, b) % (t.length + 1));
      const grams = new Set(titleGrams(title));
      for (const p of piecesWithin(inside)) assert.ok(grams.has(p), `“${inside}” in “${t}”: ${p}`);
    }),
    { numRuns: 2000 },
  );
});

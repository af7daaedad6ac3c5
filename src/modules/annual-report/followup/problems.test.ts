import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PROBLEM_MAX_CHARS, problemsPart, splitProblems } from './problems.js';

describe('the problems a section 五 states', () => {
  it('cuts the platform’s template at its headings, leaving last year’s part and the measures out', () => {
    const text = [
      '（一）上年度报告所述问题的改进情况。上年度报告所述问题：人员不足。已增配人员。',
      '（二）本年度存在的主要问题。一是政策解读形式单一，图解视频少；二是基层公开栏更新不及时。',
      '（三）改进措施。一是加强培训；二是每月检查。',
    ].join('\n');
    assert.deepEqual(splitProblems(text), ['政策解读形式单一，图解视频少', '基层公开栏更新不及时']);
  });

  it('reads the numbering reports use: 1. / 1、, （1）, （一）, ①', () => {
    assert.deepEqual(splitProblems('存在的主要问题：1.信息发布不够及时；2、解读质量不高。'), [
      '信息发布不够及时',
      '解读质量不高',
    ]);
    assert.deepEqual(splitProblems('存在的主要问题：（1）信息发布不够及时。（2）解读质量不高。'), [
      '信息发布不够及时',
      '解读质量不高',
    ]);
    assert.deepEqual(splitProblems('存在的主要问题：①信息发布不够及时②解读质量不高'), [
      '信息发布不够及时',
      '解读质量不高',
    ]);
    // A figure with a decimal point is not a number of an item.
    assert.deepEqual(splitProblems('存在的主要问题：办理平均用时 12.5 个工作日，偏长'), [
      '办理平均用时 12.5 个工作日，偏长',
    ]);
  });

  it('cuts at semicolons when nothing is numbered, and keeps prose whole for a person to cut', () => {
    assert.deepEqual(splitProblems('主要问题是信息发布不够及时；政策解读质量有待提高。'), [
      '主要问题是信息发布不够及时',
      '政策解读质量有待提高',
    ]);
    assert.deepEqual(splitProblems('工作人员更迭较快，不利于工作经验积累。'), [
      '工作人员更迭较快，不利于工作经验积累',
    ]);
  });

  it('ends the problems where the report turns to next year’s measures', () => {
    const text =
      '2019年，我区工作取得进展，但仍存在一些不足。一是主动性不足；二是队伍不稳定。' +
      '2020年，我们将采取以下措施加以改进：（一）强化责任。（二）完善机制。';
    assert.deepEqual(splitProblems(text), ['主动性不足', '队伍不稳定']);
    assert.deepEqual(splitProblems('存在问题：1.发布不及时；2.解读不足。下一步，我局将加强培训。'), [
      '发布不及时',
      '解读不足',
    ]);
  });

  it('finds nothing in the untouched template or an empty section', () => {
    assert.deepEqual(
      splitProblems(
        '（一）上年度报告所述问题的改进情况。（请说明。）\n（二）本年度存在的主要问题。（请填写。）\n（三）改进措施。（请填写。）',
      ),
      [],
    );
    assert.deepEqual(splitProblems(''), []);
    assert.deepEqual(splitProblems('无。'), []);
  });

  const clause = fc
    .array(fc.constantFrom(...'政务公开信息发布解读不够及时质量有待提高栏目更新人员培训'.split('')), {
      minLength: 4,
      maxLength: 40,
    })
    .map((cs) => cs.join(''));

  it('never invents text: each item is part of the problems as written, without a prompt', () => {
    fc.assert(
      fc.property(
        fc.array(clause, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('numbered', 'yishi', 'semicolon'),
        clause,
        (items, style, measure) => {
          const listed =
            style === 'numbered'
              ? items.map((t, i) => `${i + 1}.${t}`).join('；')
              : style === 'yishi'
                ? items.map((t, i) => `${'一二三四五六'[i]}是${t}`).join('；')
                : items.join('；');
          const text = `（二）本年度存在的主要问题。${listed}。（三）改进措施。${measure}。`;
          const found = splitProblems(text);
          const part = problemsPart(text);
          for (const f of found) {
            assert.ok(part.includes(f.replace(/…$/, '')), `${f} is in ${part}`);
            assert.ok(!f.includes('（请'));
            assert.ok([...f].length <= PROBLEM_MAX_CHARS);
          }
          assert.ok(!part.includes(`改进措施`), 'the measures are not problems');
          if (style !== 'semicolon' || items.length > 1) assert.equal(found.length, items.length);
        },
      ),
    );
  });
});

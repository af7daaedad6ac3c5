import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { breakLines, breakUnits, legalLine, NO_LINE_END, NO_LINE_START } from './cjk-lines.js';

/** A monospaced measure: an ideograph is 1, a Latin letter or digit ½. */
const measure = (s: string) => [...s].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0);

describe('breaking Chinese lines', () => {
  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    const lines = breakLines('本年度共收到申请四十三件，办结四十二件。（申请人未缴费）', 6, measure);
    assert.deepEqual(lines, ['本年度共收到', '申请四十三', '件，办结四十', '二件。（申请', '人未缴费）']);
    for (const l of lines) assert.ok(legalLine(l), l);
  });

  it('keeps a year, a figure and a short word of Latin letters whole', () => {
    assert.deepEqual(breakUnits('2022年收费1234.56万元'), ['2022', '年', '收', '费', '1234.56', '万', '元']);
    const lines = breakLines('全年制发规范性文件2022件', 10, measure);
    assert.deepEqual(lines, ['全年制发规范性文件', '2022件']);
  });

  it('splits a web address longer than a third of the line, never leaving （ at the end', () => {
    const lines = breakLines('本报告电子版可在门户网站（http://www.lishui.gov.cn/）查阅。', 12, measure);
    for (const l of lines) assert.ok(measure(l) <= 12.01 || legalLine(l), l);
    assert.ok(lines[0]!.length > 10, `the first line is filled: ${lines[0]}`);
    for (const l of lines) assert.ok(legalLine(l), `illegal break: ${JSON.stringify(lines)}`);
    assert.equal(lines.join(''), '本报告电子版可在门户网站（http://www.lishui.gov.cn/）查阅。');
  });

  it('carries two opening marks in a row to the next line together (found by the property)', () => {
    const lines = breakLines('政政政“「政', 5, measure);
    assert.deepEqual(lines, ['政政政', '“「政']);
    // A line of nothing but opening marks is not broken: it runs over rather than end with “.
    assert.deepEqual(breakLines('“《「「政', 4, measure), ['“《「「政']);
  });

  it('for any text: the lines keep every character and obey the rules (property)', () => {
    const alphabet = fc.constantFrom(
      ...'政府信息公开年度报告申请件数',
      ...'0123456789',
      ...NO_LINE_START.slice(0, 8),
      ...NO_LINE_END.slice(0, 5),
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 4, max: 20 }),
        (chars, width) => {
          const text = chars.join('');
          const lines = breakLines(text, width, measure);
          assert.equal(lines.join(''), text);
          for (const [i, l] of lines.entries()) {
            // A first line may begin with closing punctuation only if the text does.
            if (i > 0)
              assert.ok(
                !NO_LINE_START.includes([...l][0]!),
                `line ${i} starts with ${l[0]}: ${JSON.stringify(lines)}`,
              );
            if (i < lines.length - 1)
              assert.ok(
                !NO_LINE_END.includes([...l].pop()!),
                `line ${i} ends with opening: ${JSON.stringify(lines)}`,
              );
          }
        },
      ),
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldRadicals, layoutLines, type PlacedRun } from './pdf-text.js';

const run = (text: string, x: number, y: number, size = 10): PlacedRun => ({
  text,
  x,
  x1: x + [...text].length * size * (/^[\d ]+$/.test(text) ? 0.5 : 1),
  y,
  size,
});

/** The built-in text layer (pdf.js runs → lines), as `pdftotext -layout` lays a page out. */
describe('laying out the runs of a PDF page', () => {
  it('orders lines top to bottom and runs left to right, a table row on one line with its cells apart', () => {
    const lines = layoutLines([
      run('43', 400, 200.4),
      run('一、本年新收政府信息公开申请数量', 50, 200),
      run('30', 250, 199.8),
      run('标题', 50, 100, 22),
      run('6', 300, 200),
      run('二、上年结转', 50, 214),
    ]);
    assert.equal(lines.length, 3);
    assert.equal(lines[0]!.trim(), '标题');
    assert.match(lines[1]!, /^一、本年新收政府信息公开申请数量\s{2,}30\s{2,}6\s{2,}43$/);
    assert.equal(lines[2], '二、上年结转');
  });

  it('joins runs that touch without a space, and indents by the run’s distance from the left edge', () => {
    const lines = layoutLines([run('本报告', 70, 50), run('根据', 100, 50), run('条例', 50, 64)]);
    assert.deepEqual(lines, ['    本报告根据', '条例']);
  });

  it('folds the radicals some writers map glyphs back to into the ideographs', () => {
    assert.equal(foldRadicals('丽⽔市⼈⺠政府⻔⼾⽹站'), '丽水市人民政府门户网站');
    assert.equal(foldRadicals('政府信息公开'), '政府信息公开');
  });
});

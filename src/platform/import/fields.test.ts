import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../errors.js';
import { object } from '../schema.js';
import { list, tick } from './fields.js';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ValidationError, String(e));
    return e.fields.map((f) => f.message);
  }
  assert.fail('expected a ValidationError');
}

describe('tick', () => {
  const row = object({ county: tick('县级') });

  it('reads the ticks Excel and WPS users type, and blanks', () => {
    for (const t of ['✓', '√', '✔', '☑', '■', '●', '是', 'v', 'V', 'Ｖ', ' ✓ ', true])
      assert.equal(row.parse({ county: t }).county, true, String(t));
    for (const t of ['', '  ', '□', '☐', '否', '×', undefined, null, false])
      assert.equal(row.parse({ county: t }).county, false, String(t));
  });

  it('names the column and what was written when the cell is neither', () => {
    assert.deepEqual(
      problems(() => row.parse({ county: '县' })),
      ['县级应填“✓”或留空，不能是“县”'],
    );
    assert.deepEqual(
      problems(() => object({ county: tick('县级', { mark: '√' }) }).parse({ county: {} })),
      ['县级应填“√”或留空'],
    );
  });
});

describe('list', () => {
  it('splits a cell on 、，,；; and line breaks, or takes a JSON array', () => {
    const row = object({ keywords: list('主题词') });
    assert.deepEqual(row.parse({ keywords: '招生、入学，学区; 划片\n学籍' }).keywords, [
      '招生',
      '入学',
      '学区',
      '划片',
      '学籍',
    ]);
    assert.deepEqual(row.parse({ keywords: [' 招生 ', '', 2024] }).keywords, ['招生', '2024']);
  });

  it('checks the count and length of items', () => {
    assert.deepEqual(
      problems(() => object({ k: list('主题词') }).parse({ k: '' })),
      ['请填写主题词'],
    );
    assert.deepEqual(object({ k: list('主题词', { min: 0 }) }).parse({}).k, []);
    assert.deepEqual(
      problems(() => object({ k: list('主题词', { maxItems: 2 }) }).parse({ k: 'a,b,c' })),
      ['主题词不能超过 2 项'],
    );
    assert.deepEqual(
      problems(() => object({ k: list('主题词', { maxLength: 3 }) }).parse({ k: ['招生入学'] })),
      ['主题词中的“招生入学”超过 3 个字符'],
    );
    assert.deepEqual(
      problems(() => object({ k: list('主题词') }).parse({ k: { a: 1 } })),
      ['主题词应为文字列表'],
    );
  });

  it('marks an empty-allowed list as optional, so its column may be left out of a file', () => {
    assert.equal(list('主题词', { min: 0 }).optional, true);
    assert.equal(list('主题词').optional, false);
  });
});

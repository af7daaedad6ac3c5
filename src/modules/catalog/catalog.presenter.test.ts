import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImportRefused } from '../../platform/import/index.js';
import { emptyColumns, type SnapshotItem } from './catalog.js';
import { changedCells, importOutcome, indentedName, namePath, problemCount } from './catalog.presenter.js';

const item = (id: string, name: string, parentId: string | null, level: 1 | 2 | 3): SnapshotItem => ({
  ...emptyColumns,
  id,
  name,
  parentId,
  level,
  position: 1,
  derivedFromItemId: null,
});

describe('catalog presenter', () => {
  it('counts every problem of a refused workbook, those the refusal does not list included', () => {
    const problems = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        row: i + 4,
        column: 'E',
        columnLabel: '公开依据',
        message: '请填写公开依据',
      }));
    assert.equal(problemCount(new ImportRefused(problems(3)).fields), 3);
    const many = new ImportRefused(problems(150));
    assert.equal(many.fields.length, 101, 'the first hundred and a line for the rest');
    assert.equal(problemCount(many.fields), 150);
  });

  it('names items by path and indent, and says what an import changed', () => {
    const items = [item('a', '批准服务信息', null, 1), item('b', '申报要求', 'a', 2)];
    assert.equal(namePath(items, 'b'), '批准服务信息 › 申报要求');
    assert.equal(indentedName(items[1]!), '\u3000申报要求');
    const before = items[1]!;
    const after = { ...before, timeLimit: '及时公开', channels: ['政府网站' as const] };
    const diff = { added: [], removed: [], changed: [{ before, after, columns: ['公开时限', '上级事项'] }] };
    assert.equal(importOutcome(diff), '已导入：修改 1 项');
    assert.equal(importOutcome({ added: [], removed: [], changed: [] }), '已导入：与现有目录相同，无变化');
    assert.deepEqual(
      changedCells(diff).map((c) => [c.first, c.column, c.before, c.after]),
      [
        [true, '公开时限', '', '及时公开'],
        [false, '上级事项', '', ''],
      ],
    );
  });
});

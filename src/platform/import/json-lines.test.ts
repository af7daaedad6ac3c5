import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { date, oneOf, optional, text } from '../schema.js';
import { columns } from './columns.js';
import { list } from './fields.js';
import { readJsonLines } from './json-lines.js';
import { ImportRefused, problemText } from './refusal.js';

function refused(fn: () => unknown): ImportRefused {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ImportRefused, `expected an ImportRefused, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the file to be refused');
}

/** A cut-down record-import line: the labels name the JSON key and its Chinese name. */
const recordColumns = columns({
  title: { field: text('title（标题）', { max: 300 }), aliases: ['标题'] },
  publishedAt: { field: date('publishedAt（发布日期）'), aliases: ['发布日期'] },
  validity: optional(
    oneOf('validity（有效性）', ['inForce', 'expired'] as const, { inForce: '有效', expired: '失效' }),
  ),
  keywords: list('keywords（主题词）', { min: 0, maxLength: 20 }),
});

const line = (o: unknown) => JSON.stringify(o);

describe('readJsonLines', () => {
  it('reads one object per line through the column declaration, keywords as a JSON array or a string', () => {
    const input = [
      line({ title: '关于印发招生方案的通知', publishedAt: '2024-03-01', keywords: ['招生', '入学'] }),
      '',
      line({ 标题: '划片范围', 发布日期: '2024-04-01', validity: '有效', keywords: '划片、学区；入学' }),
      line({ title: '学籍', publishedAt: '2024-05-01' }),
    ].join('\r\n');
    const rows = readJsonLines(input, recordColumns).finish();
    assert.deepEqual(rows, [
      {
        row: 1,
        value: {
          title: '关于印发招生方案的通知',
          publishedAt: '2024-03-01',
          validity: null,
          keywords: ['招生', '入学'],
        },
      },
      {
        row: 3,
        value: {
          title: '划片范围',
          publishedAt: '2024-04-01',
          validity: 'inForce',
          keywords: ['划片', '学区', '入学'],
        },
      },
      { row: 4, value: { title: '学籍', publishedAt: '2024-05-01', validity: null, keywords: [] } },
    ]);
  });

  it('reports every problem as 第 N 行（字段名）, and refuses the file as a whole', () => {
    const input = [
      line({ title: '', publishedAt: '2024-02-30' }),
      '{"title": "半行',
      '["not", "an", "object"]',
      line({ title: 'ok', publishedAt: '2024-01-01', url: 'http://old.site/1' }),
      line({ title: 'ok', publishedAt: '2024-01-01', url: 'http://old.site/2', keywords: [{ a: 1 }] }),
    ].join('\n');
    const e = refused(() => readJsonLines(input, recordColumns).finish());
    assert.deepEqual(e.problems.map(problemText), [
      '第 1 行（title（标题））：请填写title（标题）',
      '第 1 行（publishedAt（发布日期））：publishedAt（发布日期）“2024-02-30”不是有效日期',
      '第 2 行：不是有效的 JSON（每行应是一个完整的 JSON 对象）',
      '第 3 行：应是一个 JSON 对象（{…}），不能是数组、字符串或数字',
      '第 4 行（url）：不认识这个字段（之后各行不再重复列出）；可用的字段：title、publishedAt、validity、keywords',
      '第 5 行（keywords（主题词））：keywords（主题词）应为文字列表',
    ]);
    assert.match(e.message, /共 6 处问题，未导入任何内容/);
  });

  it('ignores unknown fields when told to', () => {
    const rows = readJsonLines(line({ title: 't', publishedAt: '2024-01-01', url: 'x' }), recordColumns, {
      unknownFields: 'ignore',
    }).finish();
    assert.equal(rows.length, 1);
  });

  it('refuses a field given twice under two names', () => {
    const e = refused(() =>
      readJsonLines(line({ title: 'a', 标题: 'b', publishedAt: '2024-01-01' }), recordColumns).finish(),
    );
    assert.deepEqual(e.problems.map(problemText), [
      '第 1 行（标题）：与“title（标题）”是同一个字段，只能写一次',
    ]);
  });

  it('lets the caller add its own problems by line and field', () => {
    const table = readJsonLines(line({ title: 't', publishedAt: '2024-01-01' }), recordColumns);
    table.problem(1, 'title', '与已发布的信息重名');
    assert.equal(
      refused(() => table.finish()).message,
      '第 1 行（title（标题））：与已发布的信息重名（未导入任何内容）',
    );
  });

  it('reads bytes in any encoding decodeText knows, and refuses an empty file', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(line({ title: '通知', publishedAt: '2024-01-01' })),
    ]);
    assert.equal(readJsonLines(bytes, recordColumns).finish()[0]!.value.title, '通知');
    for (const empty of ['', '\n\n', Buffer.from([0xef, 0xbb, 0xbf])])
      assert.equal(
        refused(() => readJsonLines(empty, recordColumns).finish()).message,
        '文件是空的，没有任何记录（未导入任何内容）',
      );
    assert.deepEqual(readJsonLines('', recordColumns, { allowEmpty: true }).finish(), []);
  });
});

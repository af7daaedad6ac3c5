import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { ImportRefused } from '../../platform/import/index.js';
import { buildWorkbook, parseWorkbook } from './catalog-excel.js';

describe('standard catalog workbook (legal.md §5.3)', () => {
  it('reads a catalogue as offices publish it: 一级事项 merged down its rows, √ and ■/□ marks', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await buildWorkbook('某县财政预决算领域基层政务公开标准目录', [])) as unknown as ArrayBuffer,
    );
    const ws = wb.worksheets[0]!;
    ws.getCell('M3').value = '依申请公开';
    const row = (r: number, cells: Record<string, string>) => {
      for (const [c, v] of Object.entries(cells)) ws.getCell(`${c}${r}`).value = v;
    };
    const common = { E: '报表及说明', F: '《中华人民共和国预算法》', G: '批准后20日内', H: '县级财政部门' };
    row(4, {
      A: '1',
      B: '预算公开',
      C: '本级政府预算',
      ...common,
      I: '■政府网站 □政府公报 ■公开查阅点',
      J: '√',
      L: '√',
      N: '√',
      O: '√',
    });
    row(5, { A: '2', C: '部门预算', ...common, I: '政府网站', K: '√', M: '√', N: '√' });
    ws.mergeCells('B4:B5');
    const parsed = await parseWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), 'domain');
    assert.equal(parsed.title, '某县财政预决算领域基层政务公开标准目录');
    assert.deepEqual(
      parsed.items.map((i) => [
        i.level,
        i.columns.name,
        i.parentKey === null ? null : parsed.items.find((p) => p.key === i.parentKey)!.columns.name,
      ]),
      [
        [1, '预算公开', null],
        [2, '本级政府预算', '预算公开'],
        [2, '部门预算', '预算公开'],
      ],
    );
    const [, own, dept] = parsed.items;
    assert.deepEqual(own!.columns.channels, ['政府网站', '公开查阅点']);
    assert.deepEqual(
      [own!.columns.audience, own!.columns.method, own!.columns.tiers],
      ['全社会', '主动', ['县级', '乡级']],
    );
    assert.deepEqual(
      [dept!.columns.audience, dept!.columns.method, dept!.columns.tiers],
      ['特定群众', '依申请', ['县级']],
    );
  });
});

describe('standard catalog workbook: merged headings', () => {
  const common = {
    E: '报表及说明',
    F: '《中华人民共和国预算法》',
    G: '批准后20日内',
    H: '县级财政部门',
    I: '政府网站',
    J: '√',
    L: '√',
    N: '√',
  };
  /** A catalogue sheet as an office makes it: rows of cells by column letter, then merges. */
  const sheet = async (rows: Record<number, Record<string, string>>, merges: string[] = []) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await buildWorkbook('某县财政预决算领域基层政务公开标准目录', [])) as unknown as ArrayBuffer,
    );
    const ws = wb.worksheets[0]!;
    for (const [r, cells] of Object.entries(rows))
      for (const [c, v] of Object.entries(cells)) ws.getCell(`${c}${r}`).value = v;
    for (const m of merges) ws.mergeCells(m);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const tree = (items: Awaited<ReturnType<typeof parseWorkbook>>['items']) =>
    items.map((i) => [
      i.level,
      i.columns.name,
      i.parentKey === null ? null : items.find((p) => p.key === i.parentKey)!.columns.name,
    ]);
  const refusal = async (bytes: Buffer) => {
    try {
      await parseWorkbook(bytes, 'domain');
    } catch (e) {
      assert.ok(e instanceof ImportRefused, String(e));
      return e.fields.map((f) => f.message);
    }
    assert.fail('the sheet was accepted');
  };

  it('makes up the 一级 and 二级事项 merged down over 三级 rows as headings', async () => {
    const bytes = await sheet(
      {
        4: { B: '预算公开', C: '政府预算', D: '本级政府预算', ...common },
        5: { D: '部门预算', ...common },
        6: { C: '政府决算', D: '本级政府决算', ...common },
        7: { D: '部门决算', ...common },
      },
      ['B4:B7', 'C4:C5', 'C6:C7'],
    );
    const parsed = await parseWorkbook(bytes, 'domain');
    assert.deepEqual(tree(parsed.items), [
      [1, '预算公开', null],
      [2, '政府预算', '预算公开'],
      [3, '本级政府预算', '政府预算'],
      [3, '部门预算', '政府预算'],
      [2, '政府决算', '预算公开'],
      [3, '本级政府决算', '政府决算'],
      [3, '部门决算', '政府决算'],
    ]);
    assert.ok(
      parsed.items.every((i) => i.id === null),
      'a hand-made sheet carries no ids',
    );
    // A 二级事项 heading merged again further down is not a second heading of that name.
    const again = await sheet({
      4: { B: '预算公开', C: '政府预算', D: '本级政府预算', ...common },
      5: { B: '预算公开', C: '政府决算', D: '本级政府决算', ...common },
      6: { B: '预算公开', C: '政府预算', D: '部门预算', ...common },
    });
    assert.deepEqual(await refusal(again), [
      '第 6 行 第 C 列（公开事项·二级事项）：二级事项“政府预算”已在第 4 行列出，其下的三级事项应紧随其后',
    ]);
  });

  it('checks the names of made-up headings, naming their row and column', async () => {
    const long = '长'.repeat(101);
    // 一级事项 merged over 二级 rows.
    assert.deepEqual(
      await refusal(
        await sheet({ 4: { B: long, C: '本级政府预算', ...common }, 5: { C: '部门预算', ...common } }, [
          'B4:B5',
        ]),
      ),
      ['第 4 行 第 B 列（公开事项·一级事项）：事项名称不能超过 100 个字符'],
    );
    // 一级 and 二级事项 merged over 三级 rows.
    assert.deepEqual(
      await refusal(
        await sheet(
          {
            4: { B: '预算公开', C: '政府预算', D: '本级政府预算', ...common },
            5: { C: long, D: '本级政府决算', ...common },
          },
          ['B4:B5'],
        ),
      ),
      ['第 5 行 第 C 列（公开事项·二级事项）：事项名称不能超过 100 个字符'],
    );
  });

  it('reads a 二级事项 row with only its name as the heading of the 三级 rows under it', async () => {
    const parsed = await parseWorkbook(
      await sheet({
        4: { B: '预算公开' },
        5: { C: '政府预算' },
        6: { D: '本级政府预算', ...common },
      }),
      'domain',
    );
    assert.deepEqual(tree(parsed.items), [
      [1, '预算公开', null],
      [2, '政府预算', '预算公开'],
      [3, '本级政府预算', '政府预算'],
    ]);
    // With nothing under it, it is a 二级事项 like any other and lacks its columns.
    const messages = await refusal(
      await sheet({
        4: { B: '预算公开' },
        5: { C: '政府预算' },
        6: { D: '本级政府预算', ...common },
        7: { C: '政府决算' },
      }),
    );
    assert.ok(messages.length > 0);
    assert.ok(
      messages.every((m) => m.startsWith('第 7 行')),
      messages.join('\n'),
    );
    assert.ok(messages.includes('第 7 行 第 E 列（公开内容（要素））：请填写公开内容（要素）'));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, emptyColumns, readColumns, treeProblem, type SnapshotItem } from './catalog.js';
import { domainTemplates, villageTemplate, type TemplateNode } from './templates/index.js';

describe('standard catalog templates (legal.md §5.2)', () => {
  it('cover the 26 pilot domains, each with a lawful starter tree that a township can draw on', () => {
    assert.equal(domainTemplates.length, 26);
    assert.equal(new Set(domainTemplates.map((d) => d.code)).size, 26);
    // The names of legal.md §5.2, in its order (without the alternative names in brackets).
    assert.deepEqual(
      domainTemplates.map((d) => d.name),
      [
        '重大建设项目',
        '公共资源交易',
        '财政预决算',
        '安全生产',
        '救灾',
        '税收管理',
        '城乡规划',
        '征地补偿',
        '国有土地上房屋征收与补偿',
        '保障性住房',
        '农村危房改造',
        '市政服务',
        '城市综合执法',
        '生态环境',
        '公共文化服务',
        '公共法律服务',
        '社会救助',
        '养老服务',
        '户籍管理',
        '就业',
        '社会保险',
        '义务教育',
        '卫生健康',
        '食品药品监管',
        '涉农补贴',
        '扶贫',
      ],
    );
    let townshipItems = 0;
    for (const d of [...domainTemplates, villageTemplate]) {
      const kind = d === villageTemplate ? 'village' : 'domain';
      let leaves = 0;
      const walk = (nodes: TemplateNode[], level: number) => {
        const names = new Set<string>();
        for (const n of nodes) {
          assert.ok(!names.has(n.name), `${d.name}: duplicate ${n.name}`);
          names.add(n.name);
          const { errors } = readColumns(n as unknown as Record<string, unknown>, level, kind);
          assert.deepEqual(errors, [], `${d.name} › ${n.name}`);
          if (n.children) walk(n.children, level + 1);
          else leaves++;
          if (n.tiers?.includes('乡级')) townshipItems++;
        }
      };
      walk(d.items, 1);
      assert.ok(leaves >= 2, `${d.name} has ${leaves} items`);
    }
    assert.ok(townshipItems >= 26, 'many items are marked 乡级');
  });

  it('names the changed columns in Chinese when two versions are compared', () => {
    const base: SnapshotItem = {
      ...emptyColumns,
      id: 'a',
      parentId: null,
      level: 1,
      position: 1,
      name: '甲',
      derivedFromItemId: null,
    };
    const b: SnapshotItem = { ...base, id: 'b', name: '乙', position: 2 };
    const diff = compareVersions(
      [base, b],
      [
        { ...b, position: 1, timeLimit: '及时公开', channels: ['政府网站'] },
        { ...base, id: 'c', position: 2, name: '丙' },
      ],
    );
    assert.deepEqual(
      diff.added.map((i) => i.name),
      ['丙'],
    );
    assert.deepEqual(
      diff.removed.map((i) => i.name),
      ['甲'],
    );
    assert.deepEqual(
      diff.changed.map((c) => [c.after.name, c.columns]),
      [['乙', ['公开时限', '公开渠道和载体']]],
    );
    assert.equal(treeProblem([{ ...b, parentId: null, level: 2 }]), '“乙”没有上级事项，应为一级事项');
  });
});

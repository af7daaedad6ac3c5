import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { anonymous, systemActor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { ImportRefused, problemText } from '../../platform/import/index.js';
import { importRecords } from './record-import.service.js';
import { searchRecords } from './record-search.service.js';

const line = (o: Record<string, unknown>) => JSON.stringify(o);

describeEachEngine('importing an old site’s archive (JSON lines)', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;
  const clock = new FixedClock('2021-03-01T02:00:00Z');
  const sys = () => testCtx(h, systemActor('测试'), clock);
  const count = async () => (await h.db.selectFrom('record').select('id').execute()).length;
  before(async () => {
    h = await openTestDatabase(engine);
    tree = await jinjiangTree(sys());
  });
  after(async () => h.cleanup());

  it('takes 主题词 as a JSON array or as a string, and 有效性 as 有效/失效/废止', async () => {
    const r = await importRecords(
      sys(),
      tree.education.id,
      [
        line({
          title: '晋江市2020年义务教育招生工作方案',
          body: '<p>招生范围见附件。</p>',
          publishedAt: '2020-04-01',
          keywords: ['招生', ' 义务教育 ', ''],
        }),
        line({
          title: '晋江市民办学校收费公示',
          body: '收费标准如下。',
          publishedAt: '2020-05-01 10:00',
          keywords: '民办学校 收费',
          validity: '失效',
          // An old site's own fields are passed over.
          url: 'http://old.example/2',
        }),
      ].join('\n'),
    );
    assert.equal(r.imported, 2);
    const rows = await h.db
      .selectFrom('record')
      .select(['title', 'keywords', 'validity', 'state'])
      .where('agency_id', '=', tree.education.id)
      .orderBy('published_at')
      .execute();
    assert.deepEqual(rows, [
      {
        title: '晋江市2020年义务教育招生工作方案',
        keywords: '招生 义务教育',
        validity: 'inForce',
        state: 'published',
      },
      { title: '晋江市民办学校收费公示', keywords: '民办学校 收费', validity: 'expired', state: 'published' },
    ]);
    const found = await searchRecords(testCtx(h, anonymous, clock), { q: '义务教育' });
    assert.deepEqual(
      found.hits.map((x) => x.title),
      ['晋江市2020年义务教育招生工作方案'],
    );
  });

  it('reports every bad line by number and imports nothing', async () => {
    const before = await count();
    const file = [
      line({ title: '好的一行', body: '正文', publishedAt: '2020-01-02' }),
      line({ title: '', body: 'x', publishedAt: '2020-01-01' }),
      '{not json',
      '',
      line({ title: 't', body: 'b', publishedAt: '2020-01-01', docNumber: '晋教(2020)1号' }),
      line({ title: 't', body: 'b', publishedAt: '2020/01/01', keywords: [{ word: '招生' }] }),
      line({ title: 't', body: 'b', publishedAt: '2020-01-01', keywords: '词'.repeat(201) }),
    ].join('\n');
    await assert.rejects(importRecords(sys(), tree.education.id, file), (e: unknown) => {
      assert.ok(e instanceof ImportRefused && e instanceof ValidationError);
      assert.deepEqual(e.problems.map(problemText), [
        '第 2 行（title（标题））：请填写title（标题）',
        '第 3 行：不是有效的 JSON（每行应是一个完整的 JSON 对象）',
        '第 5 行（docNumber（文号））：文号的年份应使用六角括号〔〕，应写作“晋教〔2020〕1号”',
        '第 6 行（publishedAt（发布日期））：publishedAt（发布日期）应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM',
        '第 6 行（keywords（主题词））：keywords（主题词）应为文字列表',
        '第 7 行（keywords（主题词））：keywords（主题词）不能超过 200 个字符',
      ]);
      assert.match(e.message, /共 6 处问题，未导入任何内容/);
      return true;
    });
    assert.equal(await count(), before, 'not even the good line');
    await assert.rejects(importRecords(sys(), tree.education.id, '\n\n'), (e: unknown) => {
      assert.ok(e instanceof ImportRefused);
      assert.equal(e.message, '文件是空的，没有任何记录（未导入任何内容）');
      return true;
    });
  });

  it('imports only for the agency’s own staff, and only with a 统一社会信用代码', async () => {
    const one = line({ title: '通知', body: '正文', publishedAt: '2020-01-02' });
    await assert.rejects(
      importRecords(testCtx(h, staffActor('clerk', tree.police), clock), tree.education.id, one),
      ForbiddenError,
    );
    await assert.rejects(
      importRecords(testCtx(h, staffActor('reviewer', tree.education), clock), tree.education.id, one),
      ForbiddenError,
    );
    await assert.rejects(
      importRecords(sys(), tree.village.id, one),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'agency',
    );
    const r = await importRecords(
      testCtx(h, staffActor('clerk', tree.education), clock),
      '晋江市教育局',
      one,
    );
    assert.equal(r.imported, 1);
  });
});

/**
 * `gongkai report import <dir|files…>` (issue 18 §3) on the shared corpus (its Markdown and HTML
 * copies in test/fixtures/annual-report/corpus), on both engines: every readable report that
 * states its agency and year is recorded as that agency's report for that year; a file with no
 * agency, or naming a body the platform does not have, is refused with its name and the reason,
 * and goes in with --agency when it names none. What is recorded is read back from the database.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { createContainer } from '../../src/app/container.js';
import { agencies } from '../../src/modules/agencies/index.js';
import { publishedReports, renderMarkdown, sample2022 } from '../../src/modules/annual-report/index.js';
import { sql, type SqlBool } from 'kysely';
import { systemActor } from '../../src/platform/access.js';
import { countAuditEvents } from '../../src/platform/audit.js';
import { cliDatabase, gongkai } from '../harness/cli.js';
import { describeEachEngine } from '../harness/engines.js';

const corpus = 'test/fixtures/annual-report/corpus/reports';
const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Files of the corpus that state no agency (the stored copies lost the name, or never had it). */
const noAgency = [
  '2019-jiedao-mirror.md',
  '2019-yueyang-nanhu-ju.md',
  '2020-beijingjie-spam-mirror.md',
  '2020-wuhan-huangpi-jie.md',
  '2020-yulin-tuofenglu-jiedao.md',
  '2021-yanbian-xinjiuzhen.md',
  '2022-fengshouxiang-mirror.md',
  '2023-jiangsu-gongan.md',
  '2023-pingtan.md',
];
/** Files that name a body this platform's tree does not have. */
const unknownAgency = ['2021-xian-yanliang-xinfang.md', '2023-shaanxi-qu-tongjiju.md'];
/** What the rest state, and the agency of the tree each goes to (and by which rule). */
const recorded: Array<[file: string, agency: string, year: number]> = [
  ['2019-pingtan.md', '平潭综合实验区管理委员会', 2019], // states its short name
  ['2021-pingtan.md', '平潭综合实验区管理委员会', 2021],
  ['2022-mayang-banlishuxiang.md', '麻阳苗族自治县板栗树乡', 2022], // states “…人民政府”
  ['2024-ningshan-meizizhen.md', '宁陕县梅子镇人民政府', 2024], // the exact name
  ['hangzhou-style-2025-test-inline.html', '测试市人民政府', 2025], // states “测试市”
  ['kewei-2024-source.md', '上海市科学技术委员会', 2024], // states its short name 上海市科委
];

describeEachEngine('gongkai report import', (engine) => {
  let db: ReturnType<typeof cliDatabase>;
  before(async () => {
    db = cliDatabase(engine);
    assert.equal((await gongkai(db.env, 'db', 'migrate')).code, 0);
    const add = async (...args: string[]) => {
      const r = await gongkai(db.env, 'agency', 'add', ...args);
      assert.equal(r.code, 0, r.stderr);
    };
    await add('--name', '测试市人民政府', '--level', 'prefectural', '--kind', 'peoplesGovernment');
    const under = ['--parent', '测试市人民政府'];
    await add(
      '--name',
      '平潭综合实验区管理委员会',
      '--short-name',
      '平潭综合实验区',
      ...under,
      '--level',
      'county',
      '--kind',
      'dispatchedAgency',
    );
    await add(
      '--name',
      '上海市科学技术委员会',
      '--short-name',
      '上海市科委',
      ...under,
      '--level',
      'prefectural',
      '--kind',
      'governmentDepartment',
    );
    await add(
      '--name',
      '麻阳苗族自治县板栗树乡',
      ...under,
      '--level',
      'township',
      '--kind',
      'townshipStreet',
    );
    await add('--name', '宁陕县梅子镇人民政府', ...under, '--level', 'township', '--kind', 'townshipStreet');
  });
  after(async () => db.cleanup());

  /** The file name recorded for an agency and year, read from the database. */
  async function recordedFile(agency: string, year: number): Promise<string | null> {
    const c = await createContainer({ env: db.env });
    try {
      const ctx = c.ctx(systemActor('测试'));
      const a = await agencies.resolve(ctx, agency);
      return (await publishedReports.historyOf(ctx, a.id, year))?.file ?? null;
    } finally {
      await c.close();
    }
  }

  /** How many audit events of `action` the command line's actor wrote. */
  async function audited(action: string): Promise<number> {
    const c = await createContainer({ env: db.env });
    try {
      return await countAuditEvents(c.ctx(systemActor('测试')), {
        agencyScope: sql<SqlBool>`1 = 1`,
        withoutAgency: true,
        action,
        actorContains: '命令行',
      });
    } finally {
      await c.close();
    }
  }

  it(
    'records every report of the corpus folder that states agency and year, refuses the others by name',
    { timeout: 300_000 },
    async () => {
      const r = await gongkai(db.env, 'report', 'import', corpus);
      assert.equal(r.code, 1, r.stderr);
      const lines = r.stdout.split('\n');
      for (const [file, agency, year] of recorded) {
        const line = lines.find((l) => l.includes(`${corpus}/${file}`));
        assert.match(
          line ?? '',
          new RegExp(`^✔ 已记录 .* → ${agency} ${year} 年度（机构和年度取自文件；`),
          file,
        );
        assert.equal(await recordedFile(agency, year), `${corpus}/${file}`);
      }
      for (const file of noAgency)
        assert.ok(
          lines.includes(`✖ 未导入 ${corpus}/${file}：报告未写明机构，也未用 --agency 指定机构`),
          `${file} refused: ${lines.find((l) => l.includes(file))}`,
        );
      assert.match(
        r.stdout,
        /✖ 未导入 .*2021-xian-yanliang-xinfang\.md：报告写明的机构“阎良区信访局”不是本平台的机构/,
      );
      assert.ok(
        unknownAgency.every((f) =>
          lines.some((l) => l.startsWith(`✖ 未导入 ${corpus}/${f}：报告写明的机构`)),
        ),
      );
      assert.match(
        r.stdout,
        new RegExp(
          `共 17 个文件：已记录 ${recorded.length} 份，未导入 ${noAgency.length + unknownAgency.length} 份（未写明机构 9，机构不在本平台 2）`,
        ),
      );
      assert.match(r.stdout, /同一机构同一年度已有记录的不导入；如需替换，请加 --replace/);
      // 2019 and 2021 of 平潭 are recorded; 2023, which names no agency, is not.
      assert.equal(await recordedFile('平潭综合实验区管理委员会', 2023), null);
      // As the service audits them: every file read and checked, each recorded one attached.
      assert.equal(await audited('publishedReport.check'), 17);
      assert.equal(await audited('publishedReport.attach'), recorded.length);
    },
  );

  it(
    'takes the agency from --agency for a file that names none, never for one naming another body',
    { timeout: 120_000 },
    async () => {
      const r = await gongkai(
        db.env,
        'report',
        'import',
        join(corpus, '2023-pingtan.md'),
        join(corpus, '2021-xian-yanliang-xinfang.md'),
        '--agency',
        '平潭综合实验区',
      );
      assert.equal(r.code, 1);
      assert.match(
        r.stdout,
        /✔ 已记录 .*2023-pingtan\.md → 平潭综合实验区管理委员会 2023 年度（机构取自命令选项，年度取自文件；/,
      );
      assert.match(
        r.stdout,
        /✖ 未导入 .*2021-xian-yanliang-xinfang\.md：报告写明的机构“阎良区信访局”不是本平台的机构/,
      );
      assert.equal(await recordedFile('平潭综合实验区管理委员会', 2023), join(corpus, '2023-pingtan.md'));
    },
  );

  it('takes the year from --year for a file that states none, and refuses without it', async () => {
    // The platform's own rendering of a report, with its agency and year taken out of the text.
    const input = sample2022();
    const text = renderMarkdown(input)
      .replaceAll(input.agency, '本机关')
      .replace(/2022\s*年/g, '本年');
    const file = join(dir, `无年度-${engine}.md`);
    writeFileSync(file, text);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /2022/);
    const without = await gongkai(db.env, 'report', 'import', file, '--agency', '宁陕县梅子镇人民政府');
    assert.match(without.stdout, /✖ 未导入 .*：报告未写明年度，也未用 --year 指定年度/);
    const r = await gongkai(
      db.env,
      'report',
      'import',
      file,
      '--agency',
      '宁陕县梅子镇人民政府',
      '--year',
      '2022',
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /→ 宁陕县梅子镇人民政府 2022 年度（机构和年度取自命令选项；/);
    assert.equal(await recordedFile('宁陕县梅子镇人民政府', 2022), file);
  });

  it(
    'refuses a second report for the same agency and year unless --replace, then names the one replaced',
    { timeout: 120_000 },
    async () => {
      const copy = join(dir, `平潭2021-再次-${engine}.md`);
      writeFileSync(copy, readFileSync(join(corpus, '2021-pingtan.md')));
      const again = await gongkai(db.env, 'report', 'import', copy);
      assert.equal(again.code, 1);
      assert.match(
        again.stdout,
        /✖ 未导入 .*：平潭综合实验区管理委员会 2021 年度已记录了“.*2021-pingtan\.md”；如需替换，请加 --replace/,
      );
      assert.match(again.stdout, /未导入 1 份（该年度已有记录 1）/);
      assert.equal(await recordedFile('平潭综合实验区管理委员会', 2021), join(corpus, '2021-pingtan.md'));
      const replaced = await gongkai(db.env, 'report', 'import', copy, '--replace');
      assert.equal(replaced.code, 0, replaced.stdout + replaced.stderr);
      assert.match(replaced.stdout, /；替换了原记录“.*2021-pingtan\.md”）/);
      assert.match(replaced.stdout, /已记录 1 份（其中替换原记录 1 份）/);
      assert.equal(await recordedFile('平潭综合实验区管理委员会', 2021), copy);
    },
  );

  it('refuses an --agency the platform does not have before reading any file', async () => {
    const r = await gongkai(db.env, 'report', 'import', corpus, '--agency', '不存在的局');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /未找到机构“不存在的局”/);
    assert.doesNotMatch(r.stdout, /已记录/);
  });
});

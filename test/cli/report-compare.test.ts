/**
 * `gongkai report compare <files…> [--json]` (issue 18 §4), run as the installed command:
 * three reports of one agency rendered by the platform's own renderers with a stock break and a
 * year-chain break between years, and real reports of the shared corpus (the PDF read in place,
 * never copied). Expected rates are worked out here by hand from the named cells.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { renderHtml, renderMarkdown, type RenderInput } from '../../src/modules/annual-report/index.js';
import { threeYears } from '../../src/modules/annual-report/compare/samples.js';
import { gongkai } from '../harness/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-compare-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The command as an operator runs it: a process of its own, from another directory. */
function compareProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    execFile(
      process.execPath,
      [resolve('bin/gongkai.js'), 'report', 'compare', ...args],
      { cwd: dir, env: { ...process.env, LOG_LEVEL: 'silent' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        ok({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

// The three years rendered: 2021 and 2023 as Markdown, 2022 as HTML.
const [r2021, r2022, r2023] = threeYears() as [RenderInput, RenderInput, RenderInput];
const f2021 = join(dir, '丽水-2021.md');
const f2022 = join(dir, '丽水-2022.html');
const f2023 = join(dir, '丽水-2023.md');
writeFileSync(f2021, renderMarkdown(r2021));
writeFileSync(f2022, renderHtml(r2022));
writeFileSync(f2023, renderMarkdown(r2023));

describe('gongkai report compare', () => {
  it(
    'prints the issue’s JSON for three years of one agency, naming both reports of each break',
    { timeout: 120_000 },
    async () => {
      // Out of order on purpose: the chain orders by year, the lists keep the command line's order.
      const r = await compareProcess(f2023, f2021, f2022, '--json');
      assert.equal(r.code, 1, `a year-chain break is an error: ${r.stderr}`);
      assert.match(r.stderr, /3\/3/, 'a progress bar on stderr');
      const j = JSON.parse(r.stdout);
      assert.deepEqual(Object.keys(j), ['reports', 'indicators', 'findings']);
      assert.deepEqual(j.reports, [
        { file: f2023, agency: '丽水市人民政府', year: 2023, format: '2021' },
        { file: f2021, agency: '丽水市人民政府', year: 2021, format: '2021' },
        { file: f2022, agency: '丽水市人民政府', year: 2022, format: '2021' },
      ]);
      // Every year has the outcomes of the sample: 总计 42; 予以公开 18, 部分公开 5; 不予公开
      // 国家秘密 1 + 第三方 2 + 过程性 1 + 行政查询 1; 无法提供 不掌握 5 + 另行制作 2; 不予处理
      // 信访 1 + 重复 1. 复议 纠正 1 of 5 with 1 pending; 诉讼 纠正 0 of (3 − 0) + (2 − 1).
      const common = {
        agency: '丽水市人民政府',
        grantedRate: round4((18 + 5) / 42),
        withheldRate: round4((1 + 2 + 1 + 1) / 42),
        unavailableRate: round4((5 + 2) / 42),
        notProcessedRate: round4((1 + 1) / 42),
        reviewCorrectedRate: round4(1 / (5 - 1)),
        litigationCorrectedRate: 0,
      };
      assert.equal(common.grantedRate, 0.5476);
      // 本年新收 = 总计 42 + 结转下年度 − 上年结转: 2021 42 + 4 − 0, 2022 42 + 2 − 4, 2023 42 + 0 − 1.
      const row = (year: number, received: number, carriedOver: number, carriedForward: number) => ({
        ...common,
        year,
        carriedForwardRate: round4(carriedForward / (received + carriedOver)),
        received,
      });
      const expected = [row(2023, 41, 1, 0), row(2021, 46, 0, 4), row(2022, 40, 4, 2)];
      assert.deepEqual(j.indicators, expected);
      assert.deepEqual(Object.keys(j.indicators[0]), [
        'agency',
        'year',
        'grantedRate',
        'withheldRate',
        'unavailableRate',
        'notProcessedRate',
        'carriedForwardRate',
        'reviewCorrectedRate',
        'litigationCorrectedRate',
        'received',
      ]);
      assert.deepEqual(
        j.findings.map((f: Record<string, unknown>) => [
          f.check,
          f.agency,
          f.year,
          f.where,
          f.expected,
          f.actual,
        ]),
        [
          ['stock', '丽水市人民政府', 2022, 'proactive.normativeDocuments', 130 + 18 - 6, 150],
          ['year-chain', '丽水市人民政府', 2023, 'requests.carriedOver[commercialEnterprise]', 1, 0],
          ['year-chain', '丽水市人民政府', 2023, 'requests.carriedOver[total]', 2, 1],
        ],
      );
      assert.ok(j.findings[0].message.startsWith(`“${f2021}”与“${f2022}”不一致：`), j.findings[0].message);
      for (const f of j.findings.slice(1))
        assert.ok(f.message.startsWith(`“${f2022}”与“${f2023}”不一致：`), f.message);
      assert.deepEqual(Object.keys(j.findings[0]), [
        'check',
        'agency',
        'year',
        'where',
        'expected',
        'actual',
        'message',
      ]);
    },
  );

  it(
    'reads real published reports of the shared corpus, the PDF in place',
    { timeout: 180_000 },
    async () => {
      const corpus = resolve('../shared/corpus');
      // The corpus folder is beside the project here and in CI; its Markdown copies are also in the
      // fixtures, the PDF only there (it may not be committed).
      const base = existsSync(corpus) ? corpus : resolve('test/fixtures/annual-report/corpus');
      const files = ['2019-pingtan.md', '2021-pingtan.md', ...(existsSync(corpus) ? ['szfgs2024.pdf'] : [])];
      const r = await compareProcess(...files.map((f) => join(base, 'reports', f)), '--json');
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout);
      // 2019 and 2021 are not consecutive: not chained, whatever their figures.
      assert.deepEqual(j.findings, []);
      const truth = (name: string) =>
        JSON.parse(readFileSync(join(base, 'truth', `${name}.json`), 'utf8')) as {
          requests: Record<string, number[]>;
          appeals: Record<string, Record<string, number>>;
        };
      for (const [i, name] of files.map((f) => f.replace(/\.\w+$/, '')).entries()) {
        const t = truth(name);
        const c = (key: string) => t.requests[key]![6]!;
        const a = t.appeals;
        const decided = (g: string) => a[g]!.total! - a[g]!.pending!;
        const rate = (n: number, d: number) => (d === 0 ? null : round4(n / d));
        assert.deepEqual(
          j.indicators[i],
          {
            agency: j.reports[i].agency,
            year: j.reports[i].year,
            grantedRate: rate(c('granted') + c('partiallyGranted'), c('total')),
            withheldRate: rate(
              Object.keys(t.requests)
                .filter((k) => k.startsWith('withheld.'))
                .reduce((s, k) => s + c(k), 0),
              c('total'),
            ),
            unavailableRate: rate(
              c('unavailable.notHeld') + c('unavailable.needsCreation') + c('unavailable.stillUnclear'),
              c('total'),
            ),
            notProcessedRate: rate(
              c('notProcessed.petition') +
                c('notProcessed.repeated') +
                c('notProcessed.publication') +
                c('notProcessed.excessive') +
                c('notProcessed.confirmation'),
              c('total'),
            ),
            carriedForwardRate: rate(c('carriedForward'), c('received') + c('carriedOver')),
            reviewCorrectedRate: rate(a.review!.corrected!, decided('review')),
            litigationCorrectedRate: rate(
              a.litigationDirect!.corrected! + a.litigationAfterReview!.corrected!,
              decided('litigationDirect') + decided('litigationAfterReview'),
            ),
            received: c('received'),
          },
          name,
        );
      }
      assert.deepEqual(
        j.reports.map((x: { year: number; format: string }) => [x.year, x.format]),
        [[2019, '2019'], [2021, '2021'], ...(files.length > 2 ? [[2024, '2021']] : [])],
      );
      // Hand-checked: 平潭 2019 予以公开 7 + 部分公开 1 of 23; nothing decided on review: null.
      assert.equal(j.indicators[0].grantedRate, 0.3478);
      assert.equal(j.indicators[0].reviewCorrectedRate, null);
    },
  );

  it('prints a readable Chinese table by agency and year, with counts and small samples marked', async () => {
    const r = await gongkai({}, 'report', 'compare', f2021, f2022, f2023);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /【丽水市人民政府】\n指标\t2021 年\t2022 年\t2023 年\n本年新收\t46\t40\t41/);
    assert.match(r.stdout, /公开率\t54\.8%（23\/42）\t54\.8%（23\/42）/);
    assert.match(r.stdout, /复议纠错率\t25\.0%（1\/4） 样本少/);
    assert.match(r.stdout, /年度衔接与存量检查：错误 2 处，提示 1 处/);
    assert.match(r.stdout, /错误（年度衔接 · .*）：“.*丽水-2022\.html”与“.*丽水-2023\.md”不一致/);
    assert.match(r.stdout, /公开率 = （予以公开 \+ 部分公开）÷ 总计/);
    assert.doesNotMatch(r.stdout, /grantedRate|year-chain|undefined|NaN/);
  });

  it('exits 2 naming a file it cannot read, and still compares the others', async () => {
    const missing = join(dir, '没有这份.md');
    const r = await gongkai({}, 'report', 'compare', f2021, missing, '--json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /无法读取 .*没有这份\.md：找不到该文件/);
    assert.equal(JSON.parse(r.stdout).reports.length, 1);
  });
});

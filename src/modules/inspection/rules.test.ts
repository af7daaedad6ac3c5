import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyColumn, columnOverridesProblems, defaultRules, rulesProblems } from './rules.js';

describe('inspection rules', () => {
  it('has valid defaults from issue 17: 14 / 14 · 183 · 365 days, 5 · 10 · 5 columns, 5% of ≥ 20 probes a day, 90 of 365 days', () => {
    assert.deepEqual(rulesProblems(defaultRules), []);
    assert.equal(defaultRules.homeWindowDays, 14);
    assert.deepEqual(defaultRules.columnWindowDays, { dynamic: 14, noticePolicy: 183, other: 365 });
    assert.deepEqual(defaultRules.veto, {
      keyColumnsStale: 5,
      anyColumnsStale: 10,
      emptyColumns: 5,
      probeFailureShare: 0.05,
      probeWindowDays: 7,
      probesPerDay: 20,
      interactionUnansweredDays: 90,
      interactionLookbackDays: 365,
    });
  });

  it('classifies by title in a sensible order: 解读 first, then news, then notices and policies', () => {
    const cls = (title: string) => classifyColumn(title, [], defaultRules);
    assert.equal(cls('工作动态'), 'dynamic');
    assert.equal(cls('晋江要闻'), 'dynamic');
    assert.equal(cls('图片新闻'), 'dynamic');
    assert.equal(cls('政策动态'), 'dynamic');
    assert.equal(cls('通知公告'), 'noticePolicy');
    assert.equal(cls('公示公告'), 'noticePolicy');
    assert.equal(cls('政策文件'), 'noticePolicy');
    assert.equal(cls('政策法规'), 'noticePolicy');
    assert.equal(cls('政策解读'), 'other');
    assert.equal(cls('政策问答'), 'other');
    assert.equal(cls('人事信息'), 'other');
    assert.equal(cls(' 新\u3000闻 '), 'dynamic');
  });

  it('lets a site’s rules decide first: by title, then by URL (fragment and trailing slash ignored), ignore included', () => {
    const overrides = [
      { title: '政务动态', class: 'other' as const },
      { url: 'https://www.jj.gov.cn/zwgk/tzgg', class: 'ignore' as const },
    ];
    assert.equal(classifyColumn('政务 动态', [], defaultRules, overrides), 'other');
    assert.equal(
      classifyColumn('通知公告', ['https://www.jj.gov.cn/zwgk/tzgg/#list'], defaultRules, overrides),
      'ignore',
    );
    assert.equal(
      classifyColumn('通知公告', ['https://www.jj.gov.cn/zwgk/'], defaultRules, overrides),
      'noticePolicy',
    );
    const custom = {
      ...defaultRules,
      columnPatterns: [{ pattern: '^人事', class: 'noticePolicy' as const }],
    };
    assert.equal(classifyColumn('人事信息', [], custom), 'noticePolicy');
    assert.equal(classifyColumn('工作动态', [], custom), 'other');
  });

  it('names each wrong field in Chinese', () => {
    const bad = {
      ...defaultRules,
      homeWindowDays: 0,
      columnWindowDays: { ...defaultRules.columnWindowDays, noticePolicy: 1.5 },
      columnPatterns: [
        { pattern: '(动态', class: 'dynamic' },
        { pattern: '公告', class: 'news' },
      ],
      veto: { ...defaultRules.veto, probeFailureShare: 5, interactionUnansweredDays: 400 },
      deductions: { ...defaultRules.deductions, footer: { points: -1, cap: 4 } },
    };
    assert.deepEqual(rulesProblems(bad), [
      'homeWindowDays（首页更新期限，天）必须是 1 到 3650 之间的整数。',
      'columnWindowDays.noticePolicy（通知公告、政策文件类更新期限，天）必须是 1 到 3650 之间的整数。',
      'columnPatterns[0].pattern（栏目名称匹配式）不是有效的正则表达式：(动态',
      'columnPatterns[1].class（栏目类别）必须是 dynamic、noticePolicy、other 之一。',
      'veto.probeFailureShare（监测失败比例否决线）必须大于 0 且不大于 1（如 0.05 表示 5%）。',
      'veto.interactionUnansweredDays（留言未答复的否决天数）必须小于 veto.interactionLookbackDays（回溯天数）。',
      'deductions.footer（网站底部信息）.points（每处扣分）必须是 0 到 100 之间的数。',
    ]);
    assert.deepEqual(rulesProblems(null), ['检查规则必须是一个对象。']);
    const noVeto: Partial<typeof defaultRules> = { ...defaultRules };
    delete noVeto.veto;
    assert.deepEqual(rulesProblems(noVeto), ['veto（单项否决阈值）必须是一个对象。']);
  });

  it('checks a site’s column rules', () => {
    assert.deepEqual(
      columnOverridesProblems([
        { title: '工作动态', class: 'dynamic' },
        { url: 'https://x.gov.cn/a/', class: 'ignore' },
      ]),
      [],
    );
    assert.deepEqual(columnOverridesProblems([{ class: 'dynamic' }, { url: 'x.gov.cn', class: 'static' }]), [
      'siteColumns[0]（栏目规则）必须给出 title（栏目名称）或 url（栏目网址）。',
      'siteColumns[1].url（栏目网址）必须以 http:// 或 https:// 开头。',
      'siteColumns[1].class（栏目类别）必须是 dynamic、noticePolicy、other 或 ignore（不检查）之一。',
    ]);
  });
});

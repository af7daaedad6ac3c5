import { PubDate } from '../../../platform/ui/components.js';
import type { HomePage } from '../portal.service.js';
import { standardizationColumns } from '../portal.js';
import { Panel, RecordList } from './lists.js';

/** The portal's home page: search, the newest information, 政策文件, 政策解读, 依申请公开, 年报, the 专栏. */
export function HomeView({ p }: { p: HomePage }) {
  const root = p.root;
  return (
    <>
      <h1 class="gk-title">{root ? `${root.name}信息公开` : '政府信息公开'}</h1>
      <p class="gk-lead">依据《中华人民共和国政府信息公开条例》，公开政府信息，提供依申请公开服务。</p>
      <form method="get" action="/search" role="search" class="gk-home-search">
        <label class="gk-label" for="home-q">
          检索政府信息
        </label>
        <input
          class="gk-input"
          id="home-q"
          name="q"
          type="search"
          placeholder="标题、正文词句、文号或索引号"
        />
        <button class="gk-button" type="submit">
          检索
        </button>
      </form>
      <div class="gk-home">
        <Panel id="latest" title="最新信息" more={root ? `/xxgk/${root.id}` : undefined}>
          <RecordList rows={p.latest} withAgency empty="尚未发布政府信息。" />
        </Panel>
        <Panel id="apply" title="依申请公开">
          <p>公民、法人和其他组织可以向行政机关申请获取政府信息（《条例》第二十七条）。</p>
          <ul class="gk-link-list">
            <li>
              <a href="/apply">在线申请</a>：填写申请表，提交后取得受理编号和查询码。
            </li>
            <li>
              <a href="/cases">办理进度查询</a>：凭受理编号和查询码查看办理进度和答复。
            </li>
            {root ? (
              <li>
                <a href={`/xxgk/${root.id}/guide`}>政府信息公开指南</a>：申请方式、答复期限、收费和救济途径。
              </li>
            ) : null}
          </ul>
        </Panel>
        <Panel id="policies" title="政策文件" more="/policies">
          <RecordList rows={p.policies} empty="尚未发布政策文件。" />
        </Panel>
        <Panel id="interpretations" title="政策解读" more="/interpretations">
          <RecordList rows={p.interpretations} empty="尚未发布政策解读。" />
        </Panel>
        <Panel
          id="reports"
          title="政府信息公开工作年度报告"
          more={root ? `/xxgk/${root.id}/reports` : undefined}
        >
          {p.reports.length || p.reportsBefore.length ? (
            <ul class="gk-record-list">
              {p.reports.map((r) => (
                <li>
                  <a href={`/annual-reports/${r.id}`}>
                    {root?.name}
                    {r.year}年政府信息公开工作年度报告
                  </a>
                  <span class="gk-hit-meta">
                    {' '}
                    <PubDate at={r.publishedAt} />
                  </span>
                </li>
              ))}
              {p.reportsBefore.map((r) => (
                <li>
                  {r.year}年：{r.name}
                  <span class="gk-hit-meta">（平台启用前发布）</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="gk-muted">暂无已发布的年度报告。</p>
          )}
          <ul class="gk-record-list">
            <li>
              <a href="/website-report">政府网站工作年度报表</a>
            </li>
          </ul>
        </Panel>
        <Panel id="agencies" title="机构导航" more="/agencies">
          <p>
            共 {p.agencyCount} 个机构：政府部门、镇（街道）和村（社区）。各机构的
            <a href="/xxgk">政府信息公开专栏</a>和<a href="/catalogs">基层政务公开标准目录</a>。
          </p>
        </Panel>
      </div>
      <section class="gk-section" id="standardization">
        <h2 class="gk-section__title">
          <a href="/standardization">基层政务公开标准化规范化专栏</a>
        </h2>
        <ul class="gk-five">
          {standardizationColumns.map((c) => (
            <li>
              <a href={`/standardization/${c.key}`}>
                <strong>{c.label}</strong>
                <span>{c.text}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

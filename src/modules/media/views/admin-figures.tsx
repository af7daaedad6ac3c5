import type { FieldError } from '../../../platform/errors.js';
import { SelectField, Table, SpreadsheetUpload } from '../../../platform/ui/components.js';
import { platformLabels } from '../media.js';
import type { MediaFigures } from '../media-figures.service.js';

/** 政务新媒体 figures per account, agency and year; links to the 年度报表 XLSX. */
export function FiguresPage({ f, years }: { f: MediaFigures; years: number[] }) {
  const t = f.totals;
  return (
    <>
      <h1 class="gk-title">政务新媒体统计（{f.year} 年）</h1>
      <form class="gk-form gk-filters" method="get" action="/admin/media/figures">
        <SelectField
          name="year"
          label="年度"
          value={String(f.year)}
          options={years.map((y) => ({ value: String(y), label: `${y} 年` }))}
        />
        <button class="gk-button gk-button--secondary" type="submit">
          查看
        </button>
      </form>
      <p>
        <a href={`/admin/media/figures.xlsx?year=${f.year}`}>
          下载政府网站与政务新媒体工作年度报表（政务新媒体部分，Excel）
        </a>
      </p>
      <p class="gk-hint">
        报表栏目依据国办函〔2018〕12号，按本单位的配置列出（默认为各平台账号的名称、信息发布量、关注量）；报送前请对照上级下发的当年报表模板核对栏目，如需增减请联系系统管理员。粉丝数取年内最后一次填报的数，仅作参考，不作排名考核依据。
      </p>
      <section class="gk-section">
        <h2 class="gk-section__title">合计</h2>
        <p>
          账号 {t.accounts} 个，发布 {t.posts} 条，转载 {t.reposts} 条，收到留言 {t.messagesReceived} 条、回复{' '}
          {t.messagesAnswered} 条，粉丝 {t.followers} 人次，阅读 {t.reads} 人次。
        </p>
      </section>
      <section class="gk-section">
        <h2 class="gk-section__title">按主办单位</h2>
        <Table
          head={['主办单位', '账号', '发布', '转载', '回复留言', '粉丝', '阅读']}
          numeric={[1, 2, 3, 4, 5, 6]}
        >
          {f.agencies.map((g) => (
            <tr>
              <th scope="row" class="gk-name">
                {g.agencyName}
              </th>
              <td class="gk-num">{g.accounts}</td>
              <td class="gk-num">{g.posts}</td>
              <td class="gk-num">{g.reposts}</td>
              <td class="gk-num">{g.messagesAnswered}</td>
              <td class="gk-num">{g.followers}</td>
              <td class="gk-num">{g.reads}</td>
            </tr>
          ))}
        </Table>
      </section>
      <section class="gk-section">
        <h2 class="gk-section__title">按账号</h2>
        <Table
          head={['账号', '平台', '主办单位', '发布', '转载', '回复留言', '粉丝', '阅读', '单项否决天数']}
          numeric={[3, 4, 5, 6, 7, 8]}
        >
          {f.accounts.map((a) => (
            <tr>
              <th scope="row" class="gk-name">
                <a href={`/admin/media/${a.id}`}>{a.name}</a>
              </th>
              <td>{platformLabels[a.platform]}</td>
              <td>{a.agencyName}</td>
              <td class="gk-num">{a.posts}</td>
              <td class="gk-num">{a.reposts}</td>
              <td class="gk-num">{a.messagesAnswered}</td>
              <td class="gk-num">{a.followers}</td>
              <td class="gk-num">{a.reads}</td>
              <td class="gk-num">{a.vetoDays}</td>
            </tr>
          ))}
        </Table>
      </section>
    </>
  );
}

/** Upload of activity (CSV or Excel), all or nothing. */
export function ImportPage({ csrf, errors }: { csrf: string; errors: FieldError[] }) {
  return (
    <>
      <h1 class="gk-title">导入政务新媒体运营数据</h1>
      <p class="gk-hint">
        CSV 或 Excel 文件，第一行为表头：主办单位、平台、账号名称、统计周期（日或月）、日期或月份（2026-03-05
        或
        2026-03）、发布数、转载数、收到留言、回复留言、粉丝数、阅读量、最近发布日期（按月填报且有发布时必填）。账号须已登记；同一账号同一周期再次导入会替换原数据。有一处错误则整个文件不导入，并列出出错的行和列。也可在命令行运行
        <code>npx gongkai media import 文件名</code>。
      </p>
      <SpreadsheetUpload action="/admin/media/import" csrf={csrf} errors={errors} label="数据文件" />
    </>
  );
}

import { Table } from '../../../platform/ui/components.js';
import type { FieldType } from '../open-data.js';
import type { OpenDataPage } from '../open-data.service.js';

const typeLabels: Record<FieldType, string> = {
  string: '文本',
  integer: '整数',
  number: '数值',
  date: '日期（年-月-日）',
};

/** Text with the machine words in it (column keys, codes such as `inForce`) shown as code. */
function Codes({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/([A-Za-z][A-Za-z0-9_.\\]*[A-Za-z0-9])/)
        .map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}
    </>
  );
}

/** The portal's 开放数据 page: the datasets with their downloads, the licence and every field. */
export function OpenDataPageView({ p }: { p: OpenDataPage }) {
  const { data } = p;
  const license = data.license.path ? (
    <a href={data.license.path}>{data.license.title}</a>
  ) : (
    data.license.title
  );
  return (
    <>
      <h1 class="gk-title">开放数据</h1>
      <p class="gk-lead">
        {data.publisher}在本平台公开的全部数字，可以下载、复制和再利用：政府信息公开工作年度报告的表格，
        依申请公开、来信、好差评和 12345 热线的统计，以及政府信息公开目录的元数据。数据截至 {data.today}。
      </p>
      <p>
        这里只有件数和已经公开的元数据，不含任何个人信息：没有申请人、来信人、评价人的姓名、证件号码、
        电话和地址，也没有申请内容、来信内容和评价内容。统计按机构本级汇总，不含下级机构。
      </p>

      <h2>许可协议</h2>
      <p>
        数据按 {license} 提供：可以自由使用、改编和再发布，请注明来源“{data.publisher}
        ”。许可协议由本平台的运行设置指定。
      </p>

      <h2>批量下载</h2>
      <p>
        一个压缩包，内含每张数据表的 CSV 文件（UTF-8 编码，首行为列名）和描述它们的{' '}
        <code>datapackage.json</code>（Frictionless 表格数据包：许可、来源、日期和每张表的字段与类型）。
      </p>
      <ul>
        <li>
          <a href="/api/v1/open/datapackage.zip">全部数据（datapackage.zip）</a>
        </li>
        {p.years.map((y) => (
          <li>
            <a href={`/api/v1/open/datapackage.zip?year=${y}`}>{y} 年的数据</a>
          </li>
        ))}
      </ul>

      <h2>数据集</h2>
      {data.datasets.length === 0 ? (
        <p>尚无公开的数据。</p>
      ) : (
        <Table caption="数据集" head={['数据集', '发布机构', '更新日期', '下载']}>
          {data.datasets.map((d) => (
            <tr>
              <td>{d.title}</td>
              <td>{d.organization.title}</td>
              <td>{d.modified}</td>
              <td>
                {d.resources.map((r) => (
                  <>
                    <a href={r.path}>
                      {r.title}（{r.format}）
                    </a>{' '}
                  </>
                ))}
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2>数据表和字段</h2>
      <p>每张表都可以单独下载，并可按任一列过滤，例如只取某机构某年度的行。</p>
      {Object.values(data.tables).map((t) => (
        <section>
          <h3>{t.title}</h3>
          <p>
            <Codes text={t.description} /> 表名 <code>{t.name}</code>，共 {t.rows.length} 行：
            <a href={`/api/v1/open/tables/${t.name}.csv`}>CSV</a>{' '}
            <a href={`/api/v1/open/tables/${t.name}.json`}>JSON</a>。主键：
            <code>{t.primaryKey.join(', ')}</code>。
          </p>
          <Table caption={`${t.title}的字段`} head={['列名', '名称', '类型', '含义']}>
            {t.fields.map((fd) => (
              <tr>
                <td>
                  <code>{fd.name}</code>
                </td>
                <td>{fd.title}</td>
                <td>{typeLabels[fd.type]}</td>
                <td>
                  <Codes text={fd.description} />
                </td>
              </tr>
            ))}
          </Table>
        </section>
      ))}

      <h2>接口</h2>
      <p>
        数据目录的接口与 CKAN 的 Action API
        相同，无需登录，只读，可缓存（ETag）；每个地址每分钟的请求次数有上限。
      </p>
      <ul>
        <li>
          数据集列表：<code>/api/v1/open/action/package_list</code>
        </li>
        <li>
          检索：
          <code>/api/v1/open/action/package_search?q=年度报告&amp;fq=year:2020&amp;rows=10&amp;start=0</code>
        </li>
        <li>
          一个数据集：<code>/api/v1/open/action/package_show?id=数据集名称</code>
        </li>
        <li>
          发布机构：<code>/api/v1/open/action/organization_list</code>
        </li>
      </ul>
    </>
  );
}

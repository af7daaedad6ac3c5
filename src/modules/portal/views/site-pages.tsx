import type { Agency } from '../../agencies/index.js';
import { applicationPersonalData } from '../../../platform/ui/privacy-notice.js';
import { standardizationColumns } from '../portal.js';

/** The 网站地图: every part of the portal, and each agency's 政府信息公开 column. */
export function SitemapView(p: {
  root: Agency | null;
  agencies: Agency[];
  nav: Array<{ href: string; label: string }>;
}) {
  const byParent = new Map<string | null, Agency[]>();
  for (const a of p.agencies) byParent.set(a.parentId, [...(byParent.get(a.parentId) ?? []), a]);
  const Tree = ({ parentId }: { parentId: string | null }) => {
    const children = byParent.get(parentId) ?? [];
    if (!children.length) return null;
    return (
      <ul>
        {children.map((a) => (
          <li>
            <a href={`/xxgk/${a.id}`}>{a.name}</a>
            <Tree parentId={a.id} />
          </li>
        ))}
      </ul>
    );
  };
  return (
    <>
      <h1 class="gk-title">网站地图</h1>
      <div class="gk-sitemap">
        <section class="gk-section">
          <h2 class="gk-section__title">栏目</h2>
          <ul>
            {p.nav
              .filter((n) => n.href !== '/apply' && n.href !== '/standardization')
              .map((n) => (
                <li>
                  <a href={n.href}>{n.label}</a>
                </li>
              ))}
            <li>
              <a href="/policies">政策文件</a>
            </li>
            <li>
              <a href="/interpretations">政策解读</a>
            </li>
            <li>
              <a href="/apply">依申请公开</a>
              <ul>
                <li>
                  <a href="/apply">在线申请</a>
                </li>
                <li>
                  <a href="/cases">办理进度查询</a>
                </li>
              </ul>
            </li>
            <li>
              <a href="/standardization">基层政务公开标准化规范化专栏</a>
              <ul>
                {standardizationColumns.map((c) => (
                  <li>
                    <a href={`/standardization/${c.key}`}>{c.label}</a>
                  </li>
                ))}
              </ul>
            </li>
            <li>
              <a href="/privacy">隐私声明</a>
            </li>
          </ul>
        </section>
        {p.root ? (
          <section class="gk-section">
            <h2 class="gk-section__title">政府信息公开专栏（按机构）</h2>
            <ul>
              <li>
                <a href={`/xxgk/${p.root.id}`}>{p.root.name}</a>
                <ul>
                  <li>
                    <a href={`/xxgk/${p.root.id}/guide`}>政府信息公开指南</a>
                  </li>
                  <li>
                    <a href={`/xxgk/${p.root.id}/rules`}>政府信息公开制度</a>
                  </li>
                  <li>
                    <a href={`/xxgk/${p.root.id}/content`}>法定主动公开内容</a>
                  </li>
                  <li>
                    <a href={`/xxgk/${p.root.id}/reports`}>政府信息公开工作年度报告</a>
                  </li>
                </ul>
                <Tree parentId={p.root.id} />
              </li>
            </ul>
          </section>
        ) : null}
      </div>
    </>
  );
}

/** The 隐私声明 (《中华人民共和国个人信息保护法》第十七条、第三十五条), from the site's settings. */
export function PrivacyView(p: { siteName: string; root: Agency | null; years: number }) {
  const contact = [
    p.root?.phone ? `电话 ${p.root.phone}` : '',
    p.root?.email ? `电子邮箱 ${p.root.email}` : '',
    p.root?.address ? `地址 ${p.root.address}` : '',
  ]
    .filter(Boolean)
    .join('；');
  return (
    <article class="gk-guide">
      <h1 class="gk-title">隐私声明</h1>
      <p>
        {p.siteName}
        （以下简称“本网站”）重视对个人信息的保护。本声明依照《中华人民共和国个人信息保护法》《中华人民共和国政府信息公开条例》，说明本网站收集哪些个人信息、为何收集、保存多长时间，以及您的权利。
      </p>
      <h2>一、浏览网站</h2>
      <p>
        浏览本网站无需提供个人信息。本网站不使用第三方统计或广告代码；服务器依照《中华人民共和国网络安全法》第二十一条记录访问的网络地址和时间等网络日志，留存不少于六个月，仅用于保障网络安全。
      </p>
      <h2>二、依申请公开</h2>
      <p>
        在线申请政府信息公开时，本网站收集{applicationPersonalData}
        。这些信息用于依照《中华人民共和国政府信息公开条例》第二十九条至第三十三条核实申请人身份、与申请人联系、送达告知书和政府信息，处理依据为《中华人民共和国个人信息保护法》第十三条第一款第三项（履行法定职责所必需）和第三十四条。年度报告只统计件数，不公布任何个人信息。
      </p>
      <h2>三、保存期限</h2>
      <p>申请办结后，申请材料作为政府信息公开工作档案保存 {p.years} 年，期满后删除或者作匿名化处理。</p>
      <h2>四、如何保护</h2>
      <p>
        身份证明号码、联系电话、通信地址和电子邮箱加密存储；工作人员页面默认部分隐藏，查看完整信息的操作记入审计日志；工作人员按职责分级授权，只能查看本机关及下级机关的申请。除法律、行政法规另有规定外，不向任何第三方提供。
      </p>
      <h2>五、您的权利</h2>
      <p>
        依照《中华人民共和国个人信息保护法》第四十四条至第四十七条，您有权查阅、复制、更正、补充您的个人信息，处理目的已实现或者保存期限届满后有权要求删除。您可以凭受理编号和查询码在线查看申请，也可以向受理申请的机关提出，受理机关应当及时处理；拒绝的，应当说明理由（第五十条）。
      </p>
      <h2>六、联系我们</h2>
      <p>
        {p.root ? `${p.root.name}` : p.siteName}
        {contact ? `：${contact}。` : '。'}
      </p>
    </article>
  );
}

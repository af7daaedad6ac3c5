import { createContext, useContext } from 'hono/jsx';
import type { SiteSettings } from './site.settings.js';

/**
 * What the page layout knows of the site (site.settings.ts), for components deep in a page that
 * need it without every route passing it down: the notice below reads the years personal data is
 * kept and where the 隐私声明 is. Outside the layout (a unit test) the defaults apply.
 */
export const SiteContext = createContext<Pick<SiteSettings, 'personalDataYears' | 'privacyUrl'> | null>(null);

/** What an application (条例第二十九条) asks of a person, as the notice names it. */
export const applicationPersonalData =
  '姓名或者名称、身份证明的类型和号码、联系电话；您选择填写的通信地址和电子邮箱；法人或者其他组织的统一社会信用代码';

/**
 * The personal-information notice beside a form that collects personal data (《中华人民共和国个人
 * 信息保护法》第十七条、第三十五条): what is collected, why and on what basis, how long it is kept,
 * how it is protected, and the person's rights (第四十四条至第四十七条) and how to use them.
 */
export function PersonalInfoNotice(p: {
  /** What the form collects. */
  collected?: string;
  /** Why, in the words of the law the office acts under. */
  purpose?: string;
  /** A staff form registering someone else's data: the notice is read out or handed over. */
  forStaff?: boolean;
  /** How long it is kept, where not as the application's file (a form that only looks something up). */
  kept?: string;
  /** How the person sees what they gave online, where not an application's 受理编号 and 查询码. */
  lookup?: string;
}) {
  const site = useContext(SiteContext);
  const years = site?.personalDataYears ?? 10;
  const privacyUrl = site?.privacyUrl ?? '/privacy';
  return (
    <details class="gk-privacy-notice" id="privacy-notice" open>
      <summary>个人信息处理告知{p.forStaff ? '（登记时请告知申请人）' : ''}</summary>
      <dl>
        <dt>收集哪些信息</dt>
        <dd>{p.collected ?? applicationPersonalData}。</dd>
        <dt>用于什么目的</dt>
        <dd>
          {p.purpose ??
            '依照《中华人民共和国政府信息公开条例》第二十九条至第三十三条核实申请人身份、与您联系、送达告知书和政府信息；年度报告只统计件数，不公布任何个人信息'}
          。处理依据为《中华人民共和国个人信息保护法》第十三条第一款第三项（履行法定职责所必需）和第三十四条，不用于其他目的，不向第三方提供，法律、行政法规另有规定的除外。
        </dd>
        <dt>保存多长时间</dt>
        <dd>
          {p.kept ?? `申请办结后作为政府信息公开工作档案保存 ${years} 年，期满后删除或者作匿名化处理`}。
        </dd>
        <dt>如何保护</dt>
        <dd>
          身份证明号码、联系电话、通信地址和电子邮箱加密存储，工作人员页面默认部分隐藏，查看完整信息的操作记入审计日志。
        </dd>
        <dt>您的权利</dt>
        <dd>
          依照《中华人民共和国个人信息保护法》第四十四条至第四十七条，您有权查阅、复制、更正、补充您的个人信息，处理目的已实现或者保存期限届满后有权要求删除；
          {p.lookup ?? '可以凭受理编号和查询码在线查看申请'}
          ，也可以通过受理机关政府信息公开指南所列的联系方式提出，受理机关应当及时处理。详见
          <a href={privacyUrl}>隐私声明</a>。
        </dd>
      </dl>
    </details>
  );
}

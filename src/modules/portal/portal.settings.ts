import { BadValue, defineSettings } from '../../platform/config/settings.js';
import { linkLevels, type LinkLevel, type PortalLink } from './portal.js';

/**
 * Links the 标准化规范化专栏 shows beside the site's own records: the rules (制度化) and the
 * standardisation guidelines (标准化) of the levels above this one, which are not this site's
 * records. One link per line (or separated by ；), written `级别|标题|地址`; the address may be
 * left empty (the title is shown without a link).
 */
function links(raw: string): PortalLink[] {
  const out: PortalLink[] = [];
  for (const line of raw.split(/\n|；/)) {
    const t = line.trim();
    if (!t) continue;
    const [level, title, url = ''] = t.split('|').map((s) => s.trim());
    if (!linkLevels.includes(level as LinkLevel))
      throw new BadValue(`“${t}”：级别应为 ${linkLevels.join('、')} 之一（写作 级别|标题|地址）`);
    if (!title) throw new BadValue(`“${t}”：缺少标题（写作 级别|标题|地址）`);
    if (url && !/^(https?:\/\/\S+|\/\S*)$/.test(url))
      throw new BadValue(`“${t}”：地址应以 http://、https:// 或 / 开头`);
    out.push({ level: level as LinkLevel, title, url: url || null });
  }
  return out;
}

export const portalSettings = defineSettings({
  ruleLinks: {
    env: 'GONGKAI_PORTAL_RULE_LINKS',
    doc: 'The disclosure, website and new-media rules of the levels above this one for the 制度化 column, one `级别|标题|地址` per line or separated by ；(级别: 国家, 省级, 市级, 本级). The own level’s rules are its published records of the 体裁 政府信息公开制度, 政府网站管理制度 and 政务新媒体管理制度.',
    default: [
      '国家|中华人民共和国政府信息公开条例（国务院令第711号）|http://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm',
      '国家|国务院办公厅关于印发政府网站发展指引的通知（国办发〔2017〕47号）|https://www.gov.cn/zhengce/content/2017-06/08/content_5200760.htm',
      '国家|国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知（国办秘函〔2019〕19号）|https://www.gov.cn/zhengce/content/2019-04/18/content_5384134.htm',
      '国家|国务院办公厅关于推进政务新媒体健康有序发展的意见（国办发〔2018〕123号）|',
      '国家|国务院办公厅政府信息公开办公室关于规范政府信息公开平台有关事项的通知（国办公开办函〔2019〕61号）|',
    ].join('\n'),
    parse: links,
  },
  guideLinks: {
    env: 'GONGKAI_PORTAL_GUIDE_LINKS',
    doc: 'The standardisation guidelines of the levels above this one for the 标准化 column, one `级别|标题|地址` per line or separated by ；. The 26 pilot domains’ 标准指引 and the adopted catalogs are listed from the catalog module.',
    default: [
      '国家|国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见（国办发〔2019〕54号）|',
    ].join('\n'),
    parse: links,
  },
});

import { group, item, PENALTY, WEB_DESK, type DomainTemplate } from './template-kit.js';

/** 公共资源交易: the starter tree most local catalogues of this domain carry. */
export const publicResourceTrading: DomainTemplate = {
  code: 'publicResourceTrading',
  name: '公共资源交易',
  ministry: '国家发展改革委',
  items: [
    group('交易公告', [
      item(
        '工程建设项目招标投标公告',
        '项目名称、招标人、招标代理机构、资格条件、开标时间和地点、联系方式',
        '《中华人民共和国招标投标法》《公共资源交易平台管理暂行办法》',
        '县级公共资源交易中心；招标人',
        { channels: WEB_DESK, town: true, process: '执行' },
      ),
      item(
        '政府采购公告',
        '采购项目名称、预算金额、采购需求、供应商资格要求、获取采购文件的时间和方式',
        '《中华人民共和国政府采购法》《中华人民共和国政府采购法实施条例》',
        '采购人；县级财政部门',
        { timeLimit: '依法确定的采购公告期限内', process: '执行' },
      ),
    ]),
    group('交易结果', [
      item(
        '中标（成交）结果公示',
        '中标（成交）人名称、中标（成交）金额、评审专家名单、合同履行期限',
        '《中华人民共和国招标投标法实施条例》《政府采购信息发布管理办法》',
        '招标人、采购人；县级公共资源交易中心',
        { timeLimit: '中标（成交）结果确定之日起2个工作日内', town: true, process: '结果' },
      ),
      item(
        '合同订立及履行',
        '合同名称、合同金额、签订日期、履约验收情况',
        '《中华人民共和国政府采购法实施条例》',
        '采购人、招标人',
        { timeLimit: '合同签订之日起2个工作日内', process: '执行' },
      ),
    ]),
    group('监管信息', [
      item(
        '行政处罚及不良行为',
        '当事人名称、违法事实、处罚依据、处罚结果、作出处罚的机关和日期',
        '《中华人民共和国行政处罚法》《公共资源交易平台管理暂行办法》',
        '县级公共资源交易行政监督部门',
        { timeLimit: PENALTY, process: '结果' },
      ),
    ]),
  ],
};

import { group, item, SERVICE, WEB_MEDIA, type DomainTemplate } from './template-kit.js';

/** 税收管理: the starter tree most local catalogues of this domain carry. */
export const taxation: DomainTemplate = {
  code: 'taxation',
  name: '税收管理',
  ministry: '税务总局',
  items: [
    group('税收政策', [
      item(
        '税收政策文件及解读',
        '税收法律法规、规范性文件、政策解读',
        '《中华人民共和国税收征收管理法》',
        '县级税务机关',
        { channels: WEB_MEDIA, process: '决策' },
      ),
    ]),
    group('办税服务', [
      item(
        '办税事项及流程',
        '办税事项清单、办理条件、所需资料、办理流程、办理时限、办税服务厅地址和时间',
        '《中华人民共和国税收征收管理法》',
        '县级税务机关',
        { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
      ),
      item(
        '个体工商户定额核定',
        '定额核定户名称、经营地点、核定定额、起止期限',
        '《个体工商户税收定期定额征收管理办法》',
        '县级税务机关',
        { channels: ['政府网站', '政务服务中心', '社区/企事业单位/村公示栏（电子屏）'], process: '结果' },
      ),
    ]),
    group('纳税信用', [
      item(
        '纳税信用A级纳税人名单',
        '纳税人名称、纳税人识别号、评价年度',
        '《纳税信用管理办法（试行）》',
        '县级税务机关',
        { timeLimit: '评价结果确定后及时公开', process: '结果' },
      ),
      item(
        '重大税收违法失信主体',
        '当事人名称、主要违法事实、处理处罚情况',
        '《重大税收违法失信主体信息公布管理办法》',
        '县级税务机关',
        { timeLimit: '确定之日起及时公布', process: '结果' },
      ),
    ]),
  ],
};

import { group, item, OGI, SERVICE, WEB_MEDIA, type DomainTemplate } from './template-kit.js';

/** 重大建设项目: the starter tree most local catalogues of this domain carry. */
export const majorProjects: DomainTemplate = {
  code: 'majorProjects',
  name: '重大建设项目',
  ministry: '国家发展改革委',
  items: [
    group('批准服务信息', [
      item(
        '申报要求',
        '项目审批、核准、备案的申报条件、申报材料、办理流程、办理时限、受理机构及联系方式',
        `《政府投资条例》《企业投资项目核准和备案管理条例》${OGI}`,
        '县级发展改革部门',
        { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
      ),
      item(
        '审批（核准、备案）结果',
        '项目名称、项目代码、建设单位、审批（核准、备案）部门、批复文号、批复日期、主要建设内容',
        '《政府投资条例》《企业投资项目核准和备案管理条例》',
        '县级发展改革部门',
        { channels: WEB_MEDIA, itemType: '政务服务事项', process: '结果' },
      ),
    ]),
    group('招标投标信息', [
      item(
        '招标公告',
        '招标项目名称、招标人、招标条件、资格要求、招标文件获取时间和方式、投标截止时间、联系方式',
        '《中华人民共和国招标投标法》《中华人民共和国招标投标法实施条例》',
        '项目单位（招标人）',
        { timeLimit: '依法确定的招标公告发布时限内', town: true, process: '执行' },
      ),
      item(
        '中标候选人及中标结果',
        '中标候选人名称、排序、投标报价、中标人、中标金额、工期',
        '《中华人民共和国招标投标法实施条例》',
        '项目单位（招标人）',
        { timeLimit: '收到评标报告之日起3日内公示中标候选人', town: true, process: '结果' },
      ),
    ]),
    group('施工有关信息', [
      item(
        '施工许可',
        '建设单位、施工单位、监理单位、施工许可证编号、发证日期、合同工期',
        '《建筑工程施工许可管理办法》',
        '县级住房城乡建设部门',
        { itemType: '政务服务事项', process: '结果' },
      ),
      item(
        '质量安全监督',
        '质量安全监督检查计划、检查结果、整改要求、行政处罚决定',
        '《建设工程质量管理条例》《建设工程安全生产管理条例》',
        '县级住房城乡建设、交通运输、水利等行业主管部门',
        { process: '管理' },
      ),
    ]),
    group('竣工有关信息', [
      item(
        '竣工验收',
        '竣工验收时间、验收结论、工程竣工验收备案信息',
        '《建设工程质量管理条例》',
        '项目单位；县级行业主管部门',
        { town: true, process: '结果' },
      ),
    ]),
  ],
};

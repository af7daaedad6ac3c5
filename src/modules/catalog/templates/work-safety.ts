import { group, item, PENALTY, SERVICE, type DomainTemplate } from './template-kit.js';

/** 安全生产: the starter tree most local catalogues of this domain carry. */
export const workSafety: DomainTemplate = {
  code: 'workSafety',
  name: '安全生产',
  ministry: '应急管理部',
  items: [
    group('行政许可', [
      item(
        '危险化学品经营许可',
        '许可事项、申请条件、申请材料、办理流程、许可结果（企业名称、许可证编号、有效期）',
        '《危险化学品安全管理条例》《危险化学品经营许可证管理办法》',
        '县级应急管理部门',
        { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
      ),
    ]),
    group('监管执法', [
      item(
        '年度监督检查计划',
        '检查对象、检查内容、检查方式、时间安排',
        '《中华人民共和国安全生产法》',
        '县级应急管理部门；乡镇人民政府',
        { town: true, process: '执行' },
      ),
      item(
        '行政处罚决定',
        '被处罚单位、违法事实、处罚依据、处罚结果、执法机关',
        '《中华人民共和国行政处罚法》《中华人民共和国安全生产法》',
        '县级应急管理部门',
        { timeLimit: PENALTY, process: '结果' },
      ),
    ]),
    group('事故信息', [
      item(
        '生产安全事故调查报告',
        '事故发生经过、原因、性质、责任认定、处理建议和整改措施',
        '《生产安全事故报告和调查处理条例》',
        '县级人民政府；县级应急管理部门',
        { timeLimit: '调查报告批复之日起20个工作日内', process: '结果' },
      ),
    ]),
  ],
};

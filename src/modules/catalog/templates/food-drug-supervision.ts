import { group, item, PENALTY, SERVICE, type DomainTemplate } from './template-kit.js';

/** 食品药品监管: the starter tree most local catalogues of this domain carry. */
export const foodDrugSupervision: DomainTemplate = {
  code: 'foodDrugSupervision',
  name: '食品药品监管',
  ministry: '市场监管总局 / 国家药监局',
  items: [
    group('行政许可', [
      item(
        '食品经营许可',
        '申请条件、申请材料、办理流程、许可结果（经营者名称、许可证编号、有效期）',
        '《中华人民共和国食品安全法》《食品经营许可和备案管理办法》',
        '县级市场监督管理部门',
        { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
      ),
    ]),
    group('监督检查', [
      item(
        '食品安全监督抽检',
        '抽检计划、抽检产品、被抽样单位、检验结果、不合格产品处置',
        '《中华人民共和国食品安全法》第一百一十八条',
        '县级市场监督管理部门',
        { process: '结果' },
      ),
      item(
        '行政处罚决定',
        '被处罚人、违法事实、处罚依据、处罚结果',
        '《中华人民共和国行政处罚法》《市场监督管理行政处罚信息公示规定》',
        '县级市场监督管理部门',
        { timeLimit: PENALTY, process: '结果' },
      ),
    ]),
  ],
};

import { group, item, SERVICE, VILLAGE, WEB_DESK, type DomainTemplate } from './template-kit.js';

/** 社会救助: the starter tree most local catalogues of this domain carry. */
export const socialAssistance: DomainTemplate = {
  code: 'socialAssistance',
  name: '社会救助',
  ministry: '民政部',
  items: [
    group('政策标准', [
      item(
        '最低生活保障及特困人员救助供养标准',
        '城乡低保标准、特困人员基本生活标准和照料护理标准、调整情况',
        '《社会救助暂行办法》',
        '县级民政部门',
        { channels: WEB_DESK, process: '决策' },
      ),
    ]),
    group('办理服务', [
      item(
        '最低生活保障审核确认',
        '申请条件、申请材料、审核确认程序、办理时限、受理地点',
        '《社会救助暂行办法》《最低生活保障审核确认办法》',
        '县级民政部门；乡镇人民政府（街道办事处）',
        { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
      ),
      item(
        '临时救助',
        '救助对象范围、救助标准、申请程序',
        '《社会救助暂行办法》第四十七条至第五十条',
        '县级民政部门；乡镇人民政府（街道办事处）',
        { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
      ),
    ]),
    group('救助结果', [
      item(
        '低保对象名单',
        '户主姓名、保障人数、保障金额、所在村（社区）',
        '《最低生活保障审核确认办法》第二十九条',
        '乡镇人民政府（街道办事处）',
        { timeLimit: '审核确认后每月更新', channels: VILLAGE, tiers: ['乡级'], process: '结果' },
      ),
    ]),
  ],
};

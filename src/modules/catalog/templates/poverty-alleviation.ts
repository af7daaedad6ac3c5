import { group, item, NOTICE, VILLAGE, WEB_MEDIA, type DomainTemplate } from './template-kit.js';

/** 扶贫: the starter tree most local catalogues of this domain carry. */
export const povertyAlleviation: DomainTemplate = {
  code: 'povertyAlleviation',
  name: '扶贫',
  ministry: '国务院扶贫办',
  items: [
    group('政策措施', [
      item(
        '扶贫（乡村振兴衔接）政策',
        '政策文件、帮扶措施、享受条件',
        '《关于实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接的意见》',
        '县级乡村振兴部门',
        { channels: WEB_MEDIA, town: true, process: '决策' },
      ),
    ]),
    group('资金项目', [
      item(
        '项目库及年度计划',
        '项目名称、实施地点、建设内容、资金规模、受益对象',
        '《关于完善县级脱贫攻坚项目库建设的指导意见》',
        '县级乡村振兴部门；乡镇人民政府',
        { channels: NOTICE, town: true, process: '决策' },
      ),
      item(
        '资金分配及使用',
        '资金来源、分配结果、项目实施情况、绩效目标',
        '《中央财政衔接推进乡村振兴补助资金管理办法》',
        '县级乡村振兴部门；县级财政部门',
        { town: true, process: '结果' },
      ),
    ]),
    group('帮扶对象', [
      item(
        '监测帮扶对象',
        '监测对象户主、所在村、识别时间、帮扶措施',
        '《关于健全防止返贫动态监测和帮扶机制的指导意见》',
        '乡镇人民政府；村民委员会',
        { channels: VILLAGE, audience: '特定群众', tiers: ['乡级'], process: '结果' },
      ),
    ]),
  ],
};

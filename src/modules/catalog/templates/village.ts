import { item, VILLAGE, type DomainTemplate } from './template-kit.js';

const VILLAGE_LAW = '《中华人民共和国村民委员会组织法》第三十条';
const COMMITTEE = '村（居）民委员会';

/** 村务公开 (村民委员会组织法第三十条): what a village or community posts on its notice board. */
export const villageTemplate: DomainTemplate = {
  code: 'village',
  name: '村（社区）事务公开',
  ministry: '民政部',
  items: [
    item('村级财务收支', '收入、支出明细，集体经济所得收益的使用', VILLAGE_LAW, COMMITTEE, {
      timeLimit: '一般事项至少每季度公布一次；集体财务往来较多的，财务收支情况每月公布一次',
      channels: VILLAGE,
      audience: '特定群众',
      tiers: [],
    }),
    item('村民会议和村民代表会议决定事项', '讨论决定的事项及其实施情况', VILLAGE_LAW, COMMITTEE, {
      timeLimit: '决定作出后及时公布',
      channels: VILLAGE,
      audience: '特定群众',
      tiers: [],
    }),
    item(
      '宅基地使用方案',
      '宅基地申请户、面积、位置、审核结果',
      `${VILLAGE_LAW}；《中华人民共和国土地管理法》第六十二条`,
      COMMITTEE,
      {
        channels: VILLAGE,
        audience: '特定群众',
        tiers: [],
      },
    ),
    item('集体资产资源', '集体资产清单、资源发包租赁、承包合同', VILLAGE_LAW, COMMITTEE, {
      channels: VILLAGE,
      audience: '特定群众',
      tiers: [],
    }),
    item('低保、特困及救助对象', '救助对象、救助类别、救助金额', '《社会救助暂行办法》', COMMITTEE, {
      channels: VILLAGE,
      audience: '特定群众',
      tiers: [],
    }),
    item('惠农补贴发放', '补贴项目、享受对象、补贴金额', VILLAGE_LAW, COMMITTEE, {
      channels: VILLAGE,
      audience: '特定群众',
      tiers: [],
    }),
  ],
};

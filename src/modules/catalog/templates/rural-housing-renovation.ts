import { group, item, VILLAGE, type DomainTemplate } from './template-kit.js';

/** 农村危房改造: the starter tree most local catalogues of this domain carry. */
export const ruralHousingRenovation: DomainTemplate = {
  code: 'ruralHousingRenovation',
  name: '农村危房改造',
  ministry: '住房城乡建设部',
  items: [
    group('政策信息', [
      item(
        '补助对象及标准',
        '补助对象范围、补助标准、申请条件、申请程序',
        '《农村危房改造基本安全技术导则》；省、市农村危房改造实施方案',
        '县级住房城乡建设部门；乡镇人民政府',
        {
          channels: ['政府网站', '社区/企事业单位/村公示栏（电子屏）', '入户/现场'],
          town: true,
          process: '决策',
        },
      ),
    ]),
    group('对象认定', [
      item(
        '改造对象公示',
        '申请户姓名、所在村、危险等级鉴定结果、拟补助金额',
        '省、市农村危房改造实施方案',
        '乡镇人民政府；村民委员会',
        {
          timeLimit: '评议审核后及时公示，公示期不少于7日',
          channels: VILLAGE,
          tiers: ['乡级'],
          process: '结果',
        },
      ),
    ]),
    group('资金管理', [
      item(
        '补助资金分配及发放',
        '资金来源、分配方案、发放对象、发放金额、发放时间',
        '《中央财政农村危房改造补助资金管理办法》',
        '县级住房城乡建设部门；县级财政部门',
        { town: true, process: '结果' },
      ),
    ]),
  ],
};

import { group, item, NOTICE, SERVICE, type DomainTemplate } from './template-kit.js';

/** 保障性住房: the starter tree most local catalogues of this domain carry. */
export const affordableHousing: DomainTemplate = {
  code: 'affordableHousing',
  name: '保障性住房',
  ministry: '住房城乡建设部',
  items: [
    group('规划计划', [
      item(
        '年度建设计划',
        '保障性住房年度建设计划、项目名称、建设地点、建设套数',
        '《住房城乡建设部办公厅关于印发保障性住房领域基层政务公开标准指引的通知》（建办厅〔2019〕71号）',
        '县级住房保障部门',
        { process: '决策' },
      ),
    ]),
    group('分配管理', [
      item(
        '申请条件及程序',
        '保障对象条件、申请材料、审核程序、受理地点',
        '《公共租赁住房管理办法》',
        '县级住房保障部门；乡镇人民政府（街道办事处）',
        { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
      ),
      item(
        '保障对象审核结果公示',
        '申请人姓名、家庭人口、保障方式、审核结果',
        '《公共租赁住房管理办法》第十二条',
        '县级住房保障部门',
        {
          timeLimit: '审核后及时公示，公示期不少于5个工作日',
          channels: NOTICE,
          town: true,
          process: '结果',
        },
      ),
      item('配租配售结果', '分配房源、分配对象、分配结果', '《公共租赁住房管理办法》', '县级住房保障部门', {
        process: '结果',
      }),
    ]),
  ],
};

import { group, item, SERVICE, type DomainTemplate } from './template-kit.js';

/** 市政服务: the starter tree most local catalogues of this domain carry. */
export const municipalServices: DomainTemplate = {
  code: 'municipalServices',
  name: '市政服务',
  ministry: '住房城乡建设部',
  items: [
    group('供水供气', [
      item(
        '服务标准及收费',
        '供水、供气服务标准，价格及收费依据，服务网点和联系方式',
        '《城镇燃气管理条例》《城市供水条例》',
        '县级城市管理（住房城乡建设）部门；供水、供气企业',
        { channels: SERVICE, process: '服务' },
      ),
      item(
        '计划停水停气通知',
        '停水停气范围、时间、原因及应急措施',
        '《城市供水条例》《城镇燃气管理条例》',
        '供水、供气企业',
        {
          timeLimit: '停水停气前24小时',
          channels: ['政府网站', '两微一端', '社区/企事业单位/村公示栏（电子屏）'],
          process: '执行',
        },
      ),
    ]),
    group('市政设施', [
      item(
        '市政设施建设计划',
        '道路、桥梁、排水等市政设施年度建设计划及进展',
        '《城市道路管理条例》《城镇排水与污水处理条例》',
        '县级城市管理（住房城乡建设）部门',
        { process: '决策' },
      ),
      item(
        '占用挖掘城市道路许可',
        '申请条件、申请材料、办理流程、许可结果',
        '《城市道路管理条例》',
        '县级城市管理部门',
        { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
      ),
    ]),
  ],
};

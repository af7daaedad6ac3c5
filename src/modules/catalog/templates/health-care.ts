import { group, item, NOTICE, PROMPT, type DomainTemplate } from './template-kit.js';

/** 卫生健康: the starter tree most local catalogues of this domain carry. */
export const healthCare: DomainTemplate = {
  code: 'healthCare',
  name: '卫生健康',
  ministry: '国家卫生健康委',
  items: [
    group('医疗服务', [
      item(
        '医疗机构执业信息',
        '医疗机构名称、地址、诊疗科目、执业许可证有效期、服务时间',
        '《医疗机构管理条例》',
        '县级卫生健康部门',
        { process: '结果', itemType: '政务服务事项' },
      ),
    ]),
    group('公共卫生', [
      item(
        '基本公共卫生服务项目',
        '服务项目、服务对象、服务内容、服务机构',
        '《中华人民共和国基本医疗卫生与健康促进法》',
        '县级卫生健康部门；乡镇卫生院',
        {
          channels: ['政府网站', '便民服务站', '社区/企事业单位/村公示栏（电子屏）'],
          town: true,
          process: '服务',
        },
      ),
      item(
        '传染病疫情信息',
        '法定传染病疫情、防控措施',
        '《中华人民共和国传染病防治法》',
        '县级卫生健康部门',
        { timeLimit: PROMPT, channels: ['政府网站', '两微一端', '广播电视'], process: '结果' },
      ),
    ]),
    group('计划生育', [
      item(
        '计划生育家庭奖励扶助',
        '奖励扶助对象条件、标准、申请程序、对象公示',
        '《中华人民共和国人口与计划生育法》',
        '县级卫生健康部门；乡镇人民政府',
        { channels: NOTICE, town: true, process: '结果' },
      ),
    ]),
  ],
};

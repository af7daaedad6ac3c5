import { group, item, PENALTY, PROMPT, WEB_MEDIA, type DomainTemplate } from './template-kit.js';

/** 生态环境: the starter tree most local catalogues of this domain carry. */
export const ecologicalEnvironment: DomainTemplate = {
  code: 'ecologicalEnvironment',
  name: '生态环境',
  ministry: '生态环境部',
  items: [
    group('环境影响评价', [
      item(
        '环评文件受理及审批',
        '建设项目名称、建设地点、建设单位、环评文件、审批意见',
        '《中华人民共和国环境影响评价法》《建设项目环境影响评价政府信息公开指南（试行）》',
        '设区的市级生态环境部门派出机构',
        { timeLimit: '受理、拟审批、审批后分别及时公开', process: '结果', itemType: '政务服务事项' },
      ),
    ]),
    group('环境质量', [
      item(
        '环境质量状况',
        '空气质量、地表水和饮用水水源水质状况',
        '《中华人民共和国环境保护法》第五十四条',
        '县级生态环境部门',
        { timeLimit: '按月、按年定期公开', channels: WEB_MEDIA, process: '结果' },
      ),
    ]),
    group('环境监管', [
      item(
        '环境行政处罚',
        '被处罚单位、违法事实、处罚依据、处罚结果',
        '《中华人民共和国行政处罚法》《环境行政处罚办法》',
        '县级生态环境部门',
        { timeLimit: PENALTY, process: '结果' },
      ),
      item(
        '突发环境事件',
        '事件发生时间、地点、影响范围、应急处置情况',
        '《中华人民共和国突发事件应对法》《突发环境事件应急管理办法》',
        '县级人民政府；县级生态环境部门',
        { timeLimit: PROMPT, channels: ['政府网站', '两微一端', '广播电视'], town: true, process: '执行' },
      ),
    ]),
  ],
};

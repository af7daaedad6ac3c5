import { group, item, NOTICE, VILLAGE, type DomainTemplate } from './template-kit.js';

/** 征地补偿: the starter tree most local catalogues of this domain carry. */
export const landExpropriation: DomainTemplate = {
  code: 'landExpropriation',
  name: '征地补偿',
  ministry: '自然资源部',
  items: [
    group('征收前期', [
      item(
        '征收土地预公告',
        '征收范围、土地现状调查安排、征收目的',
        '《中华人民共和国土地管理法》第四十七条；《中华人民共和国土地管理法实施条例》第二十六条',
        '县级人民政府',
        { timeLimit: '拟申请征收土地前，不少于10个工作日', channels: NOTICE, town: true, process: '决策' },
      ),
      item(
        '征地补偿安置方案',
        '征收范围、土地现状、征收目的、补偿方式和标准、安置对象、安置方式、社会保障',
        '《中华人民共和国土地管理法》第四十七条',
        '县级人民政府；县级自然资源主管部门',
        { timeLimit: '公告时间不少于30日', channels: NOTICE, town: true, process: '决策' },
      ),
    ]),
    group('征收实施', [
      item(
        '征收土地公告',
        '批准机关、批准文号、征收范围、补偿安置方案、救济途径',
        '《中华人民共和国土地管理法实施条例》第三十一条',
        '县级人民政府',
        { timeLimit: '收到征地批准文件之日起15个工作日内', channels: NOTICE, town: true, process: '结果' },
      ),
      item(
        '征地补偿费用支付',
        '被征收土地所有权人、补偿费用数额、支付情况',
        '《中华人民共和国土地管理法》第四十八条',
        '县级自然资源主管部门；乡镇人民政府',
        { channels: VILLAGE, audience: '特定群众', town: true, process: '执行' },
      ),
    ]),
  ],
};

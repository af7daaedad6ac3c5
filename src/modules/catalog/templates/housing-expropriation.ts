import { group, item, type DomainTemplate } from './template-kit.js';

/** 国有土地上房屋征收与补偿: the starter tree most local catalogues of this domain carry. */
export const housingExpropriation: DomainTemplate = {
  code: 'housingExpropriation',
  name: '国有土地上房屋征收与补偿',
  ministry: '住房城乡建设部',
  items: [
    group('征收决定', [
      item(
        '征收补偿方案征求意见',
        '征收补偿方案、征求意见期限、意见反馈及修改情况',
        '《国有土地上房屋征收与补偿条例》第十条、第十一条',
        '县级人民政府；房屋征收部门',
        { timeLimit: '征求意见期限不少于30日', channels: ['政府网站', '入户/现场'], process: '决策' },
      ),
      item(
        '房屋征收决定公告',
        '征收决定、征收补偿方案、行政复议和行政诉讼权利',
        '《国有土地上房屋征收与补偿条例》第十三条',
        '县级人民政府',
        { timeLimit: '作出房屋征收决定后及时公告', channels: ['政府网站', '入户/现场'], process: '结果' },
      ),
    ]),
    group('征收补偿', [
      item(
        '房地产价格评估机构选定',
        '评估机构选定方式、选定结果',
        '《国有土地上房屋征收评估办法》',
        '房屋征收部门',
        { process: '执行' },
      ),
      item(
        '分户补偿情况',
        '被征收人、补偿方式、补偿金额、安置房情况',
        '《国有土地上房屋征收与补偿条例》第二十九条',
        '房屋征收部门',
        { channels: ['入户/现场', '公开查阅点'], audience: '特定群众', process: '结果' },
      ),
    ]),
  ],
};

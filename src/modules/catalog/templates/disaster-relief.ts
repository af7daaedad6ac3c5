import { group, item, NOTICE, PROMPT, VILLAGE, WEB_MEDIA, type DomainTemplate } from './template-kit.js';

/** 救灾: the starter tree most local catalogues of this domain carry. */
export const disasterRelief: DomainTemplate = {
  code: 'disasterRelief',
  name: '救灾',
  ministry: '应急管理部',
  items: [
    group('应急准备', [
      item(
        '自然灾害救助应急预案',
        '预案全文、应急响应分级、启动条件、应急避难场所分布',
        '《自然灾害救助条例》',
        '县级应急管理部门；乡镇人民政府',
        { channels: WEB_MEDIA, town: true, process: '决策' },
      ),
    ]),
    group('灾害救助', [
      item(
        '灾情及救灾工作动态',
        '灾害发生时间、地点、受灾情况、应急响应启动及救灾工作开展情况',
        '《自然灾害救助条例》',
        '县级应急管理部门',
        { timeLimit: PROMPT, channels: ['政府网站', '两微一端', '广播电视'], process: '执行' },
      ),
      item(
        '救灾款物分配及发放',
        '救灾资金和物资来源、数量、分配方案、发放对象及标准',
        '《自然灾害救助条例》第二十九条',
        '县级应急管理部门；乡镇人民政府',
        { channels: NOTICE, town: true, process: '结果' },
      ),
      item(
        '受灾人员救助对象',
        '救助对象姓名、所在村（社区）、救助类别、救助金额',
        '《自然灾害救助条例》',
        '乡镇人民政府',
        { channels: VILLAGE, audience: '特定群众', tiers: ['乡级'], process: '结果' },
      ),
    ]),
    group('社会捐赠', [
      item(
        '捐赠款物接收及使用',
        '接收捐赠款物的数量、种类、分配和使用情况',
        '《自然灾害救助条例》《救灾捐赠管理办法》',
        '县级应急管理部门；县级民政部门',
        { process: '管理' },
      ),
    ]),
  ],
};

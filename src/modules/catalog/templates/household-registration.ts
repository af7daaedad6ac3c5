import { group, item, SERVICE, type DomainTemplate } from './template-kit.js';

/** 户籍管理: the starter tree most local catalogues of this domain carry. */
export const householdRegistration: DomainTemplate = {
  code: 'householdRegistration',
  name: '户籍管理',
  ministry: '公安部',
  items: [
    group('户口办理', [
      item(
        '户口迁移',
        '迁移条件、所需材料、办理流程、办理时限、办理地点',
        '《中华人民共和国户口登记条例》',
        '县级公安机关；公安派出所',
        { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
      ),
      item(
        '出生登记',
        '办理条件、所需材料、办理流程、办理地点',
        '《中华人民共和国户口登记条例》第七条',
        '公安派出所',
        { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
      ),
    ]),
    group('证件办理', [
      item(
        '居民身份证申领',
        '申领条件、所需材料、办理流程、收费标准、办理时限',
        '《中华人民共和国居民身份证法》',
        '县级公安机关；公安派出所',
        { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
      ),
      item(
        '居住证办理',
        '申领条件、所需材料、办理流程、享有的基本公共服务',
        '《居住证暂行条例》',
        '县级公安机关；公安派出所',
        { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
      ),
    ]),
  ],
};

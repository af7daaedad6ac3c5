import { group, item, SERVICE, type DomainTemplate } from './template-kit.js';

/** 社会保险: the starter tree most local catalogues of this domain carry. */
export const socialInsurance: DomainTemplate = {
  code: 'socialInsurance',
  name: '社会保险',
  ministry: '人力资源社会保障部',
  items: [
    group('参保缴费', [
      item(
        '城乡居民基本养老保险参保登记',
        '参保条件、缴费档次、所需材料、办理流程、办理地点',
        '《中华人民共和国社会保险法》',
        '县级社会保险经办机构；乡镇（街道）社保服务站',
        { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
      ),
    ]),
    group('待遇享受', [
      item(
        '养老保险待遇领取',
        '领取条件、待遇标准、办理流程、待遇资格认证方式',
        '《中华人民共和国社会保险法》',
        '县级社会保险经办机构',
        { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
      ),
      item(
        '工伤认定',
        '申请条件、申请材料、认定程序、认定时限',
        '《工伤保险条例》',
        '县级人力资源社会保障部门',
        { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
      ),
    ]),
    group('基金管理', [
      item(
        '社会保险基金收支',
        '基金收入、支出、结余情况',
        '《中华人民共和国社会保险法》第七十条',
        '县级社会保险经办机构',
        { timeLimit: '每年定期公开', process: '管理' },
      ),
    ]),
  ],
};

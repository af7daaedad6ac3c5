import { group, item, NOTICE, SERVICE, type DomainTemplate } from './template-kit.js';

/** 公共法律服务: the starter tree most local catalogues of this domain carry. */
export const publicLegalServices: DomainTemplate = {
  code: 'publicLegalServices',
  name: '公共法律服务',
  ministry: '司法部',
  items: [
    group('服务网络', [
      item(
        '公共法律服务中心（站、室）',
        '名称、地址、服务时间、服务项目、联系方式',
        '《关于加快推进公共法律服务体系建设的意见》',
        '县级司法行政部门；乡镇司法所',
        { channels: SERVICE, town: true, process: '服务' },
      ),
    ]),
    group('法律援助', [
      item(
        '法律援助申请',
        '申请条件、申请材料、办理流程、受理机构及联系方式',
        '《中华人民共和国法律援助法》',
        '县级法律援助机构',
        { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
      ),
    ]),
    group('人民调解', [
      item(
        '人民调解组织',
        '人民调解委员会名称、调解员名单、调解范围、联系方式',
        '《中华人民共和国人民调解法》',
        '县级司法行政部门；乡镇司法所',
        { channels: NOTICE, town: true, process: '服务' },
      ),
    ]),
  ],
};

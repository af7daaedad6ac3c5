import { group, item, NOTICE, SERVICE, type DomainTemplate } from './template-kit.js';

/** 养老服务: the starter tree most local catalogues of this domain carry. */
export const elderlyCare: DomainTemplate = {
  code: 'elderlyCare',
  name: '养老服务',
  ministry: '民政部',
  items: [
    group('养老服务政策', [
      item(
        '养老服务扶持政策',
        '养老机构建设运营补贴、高龄津贴、居家和社区养老服务政策',
        '《中华人民共和国老年人权益保障法》',
        '县级民政部门',
        { process: '决策' },
      ),
    ]),
    group('养老服务机构', [
      item(
        '养老机构备案信息',
        '机构名称、地址、床位数、服务内容、收费标准、备案日期',
        '《养老机构管理办法》',
        '县级民政部门',
        { channels: SERVICE, itemType: '政务服务事项', process: '结果' },
      ),
    ]),
    group('养老补贴', [
      item(
        '高龄津贴发放',
        '发放对象、发放标准、发放金额',
        '省、市高龄津贴发放办法',
        '县级民政部门；乡镇人民政府（街道办事处）',
        { channels: NOTICE, town: true, process: '结果' },
      ),
    ]),
  ],
};

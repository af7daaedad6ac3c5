import { group, item, PROMPT, WEB_MEDIA, type DomainTemplate } from './template-kit.js';

/** 就业: the starter tree most local catalogues of this domain carry. */
export const employment: DomainTemplate = {
  code: 'employment',
  name: '就业',
  ministry: '人力资源社会保障部',
  items: [
    group('就业政策', [
      item(
        '就业创业扶持政策',
        '就业补贴、创业担保贷款、社会保险补贴等政策及申请条件',
        '《中华人民共和国就业促进法》',
        '县级人力资源社会保障部门',
        { channels: WEB_MEDIA, process: '决策' },
      ),
    ]),
    group('就业服务', [
      item(
        '招聘信息及招聘会',
        '用人单位、岗位、招聘人数、任职条件、招聘会时间地点',
        '《就业服务与就业管理规定》',
        '县级公共就业服务机构；乡镇（街道）劳动保障服务站',
        {
          timeLimit: PROMPT,
          channels: ['政府网站', '两微一端', '便民服务站'],
          town: true,
          process: '服务',
        },
      ),
      item(
        '职业技能培训',
        '培训项目、培训机构、培训时间、补贴标准',
        '《中华人民共和国就业促进法》第四十四条',
        '县级人力资源社会保障部门',
        { town: true, process: '服务' },
      ),
    ]),
    group('补贴发放', [
      item(
        '就业补贴资金发放',
        '补贴类别、享受对象、补贴金额',
        '《就业补助资金管理办法》',
        '县级人力资源社会保障部门',
        { process: '结果' },
      ),
    ]),
  ],
};

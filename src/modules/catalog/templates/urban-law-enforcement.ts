import { group, item, PENALTY, type DomainTemplate } from './template-kit.js';

/** 城市综合执法: the starter tree most local catalogues of this domain carry. */
export const urbanLawEnforcement: DomainTemplate = {
  code: 'urbanLawEnforcement',
  name: '城市综合执法',
  ministry: '住房城乡建设部',
  items: [
    group('执法主体', [
      item(
        '执法机构职责及权责清单',
        '执法机构名称、职责、执法依据、权力事项清单、执法人员信息',
        '《城市管理执法办法》',
        '县级城市管理综合执法部门；乡镇综合行政执法机构',
        { town: true, process: '管理' },
      ),
    ]),
    group('执法过程', [
      item(
        '执法程序及流程',
        '执法程序、流程图、救济途径、投诉举报方式',
        '《中华人民共和国行政处罚法》《城市管理执法办法》',
        '县级城市管理综合执法部门',
        { town: true, process: '执行' },
      ),
      item(
        '行政处罚决定',
        '被处罚人、违法事实、处罚依据、处罚结果、执法机关',
        '《中华人民共和国行政处罚法》第四十八条',
        '县级城市管理综合执法部门；乡镇人民政府',
        { timeLimit: PENALTY, town: true, process: '结果' },
      ),
    ]),
  ],
};

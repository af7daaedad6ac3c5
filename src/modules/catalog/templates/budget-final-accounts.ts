import { group, item, WEB_DESK, type DomainTemplate } from './template-kit.js';

/** 财政预决算: the starter tree most local catalogues of this domain carry. */
export const budgetFinalAccounts: DomainTemplate = {
  code: 'budgetFinalAccounts',
  name: '财政预决算',
  ministry: '财政部',
  items: [
    group('政府预算', [
      item(
        '本级政府预算',
        '一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金预算报表及说明，转移支付、举借债务情况',
        '《中华人民共和国预算法》第十四条',
        '县级财政部门；乡镇人民政府',
        {
          timeLimit: '经本级人民代表大会或者其常务委员会批准后20日内',
          channels: WEB_DESK,
          town: true,
          process: '决策',
        },
      ),
      item(
        '部门预算',
        '部门收支预算总表、财政拨款收支预算表、“三公”经费预算及说明、机关运行经费、政府采购预算',
        '《中华人民共和国预算法》第十四条',
        '各预算部门',
        { timeLimit: '本级财政部门批复后20日内', process: '决策' },
      ),
    ]),
    group('政府决算', [
      item(
        '本级政府决算',
        '一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金决算报表及说明',
        '《中华人民共和国预算法》第十四条',
        '县级财政部门；乡镇人民政府',
        {
          timeLimit: '经本级人民代表大会常务委员会批准后20日内',
          channels: WEB_DESK,
          town: true,
          process: '结果',
        },
      ),
      item(
        '部门决算',
        '部门收支决算总表、财政拨款收支决算表、“三公”经费支出情况及说明、绩效评价结果',
        '《中华人民共和国预算法》第十四条',
        '各预算部门',
        { timeLimit: '本级财政部门批复后20日内', process: '结果' },
      ),
    ]),
    group('政府债务', [
      item(
        '地方政府债务限额及余额',
        '债务限额、余额、举借用途、偿还情况',
        '《地方政府债务信息公开办法（试行）》',
        '县级财政部门',
        { timeLimit: '随预决算公开', process: '管理' },
      ),
    ]),
  ],
};

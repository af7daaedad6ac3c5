import { group, item, VILLAGE, type DomainTemplate } from './template-kit.js';

/** 涉农补贴: the starter tree most local catalogues of this domain carry. */
export const agriculturalSubsidies: DomainTemplate = {
  code: 'agriculturalSubsidies',
  name: '涉农补贴',
  ministry: '财政部 / 农业农村部',
  items: [
    group('补贴政策', [
      item(
        '补贴政策及标准',
        '补贴项目、补贴对象、补贴标准、申请程序',
        '《农业相关转移支付资金管理办法》',
        '县级农业农村部门；县级财政部门',
        {
          channels: ['政府网站', '两微一端', '社区/企事业单位/村公示栏（电子屏）'],
          town: true,
          process: '决策',
        },
      ),
    ]),
    group('补贴发放', [
      item(
        '耕地地力保护补贴',
        '补贴对象、补贴面积、补贴标准、补贴金额',
        '《财政部 农业农村部关于实施耕地地力保护补贴的通知》',
        '乡镇人民政府；村民委员会',
        { timeLimit: '发放前公示不少于7日', channels: VILLAGE, tiers: ['乡级'], process: '结果' },
      ),
      item(
        '农机购置补贴',
        '补贴机具种类、补贴额、享受补贴的购机者、购置机具',
        '《农业机械购置补贴实施指导意见》',
        '县级农业农村部门',
        { process: '结果' },
      ),
    ]),
  ],
};

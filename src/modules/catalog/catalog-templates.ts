import type { Audience, Channel, ItemColumns, Method, Process, Tier, ItemType } from './catalog.js';

/**
 * Starter trees for the 26 pilot domains of legal.md §5.2 and the 村（社区）事务公开 list: the
 * 一级/二级事项 most local catalogues compiled from the ministries' 基层政务公开标准指引 carry,
 * with their columns filled in the usual wording. An office adopts one and then edits it to its
 * own organs and practice; nothing here is a legal text.
 */

export interface TemplateNode extends Partial<Omit<ItemColumns, 'name'>> {
  name: string;
  children?: TemplateNode[];
}

export interface DomainTemplate {
  code: string;
  name: string;
  /** The State Council department whose 标准指引 the domain follows. */
  ministry: string;
  items: TemplateNode[];
}

const T20 = '信息形成（或者变更）之日起20个工作日内';
const PROMPT = '及时公开';
const PENALTY = '行政处罚决定作出之日起7个工作日内';

const WEB: Channel[] = ['政府网站'];
const WEB_MEDIA: Channel[] = ['政府网站', '两微一端'];
const WEB_DESK: Channel[] = ['政府网站', '公开查阅点', '政务服务中心'];
const SERVICE: Channel[] = ['政府网站', '政务服务中心', '便民服务站'];
const NOTICE: Channel[] = ['政府网站', '社区/企事业单位/村公示栏（电子屏）'];
const VILLAGE: Channel[] = ['社区/企事业单位/村公示栏（电子屏）', '入户/现场'];

interface Opts {
  timeLimit?: string;
  channels?: Channel[];
  audience?: Audience;
  method?: Method;
  /** Also published by the township (乡级). */
  town?: boolean;
  tiers?: Tier[];
  itemType?: ItemType;
  process?: Process;
}

function item(
  name: string,
  contentElements: string,
  basis: string,
  subject: string,
  o: Opts = {},
): TemplateNode {
  return {
    name,
    contentElements,
    basis,
    subject,
    timeLimit: o.timeLimit ?? T20,
    channels: o.channels ?? WEB,
    audience: o.audience ?? '全社会',
    method: o.method ?? '主动',
    tiers: o.tiers ?? (o.town ? ['县级', '乡级'] : ['县级']),
    itemType: o.itemType ?? null,
    process: o.process ?? null,
  };
}

function group(name: string, children: TemplateNode[]): TemplateNode {
  return { name, children };
}

const OGI = '《中华人民共和国政府信息公开条例》';

export const domainTemplates: DomainTemplate[] = [
  {
    code: 'majorProjects',
    name: '重大建设项目',
    ministry: '国家发展改革委',
    items: [
      group('批准服务信息', [
        item(
          '申报要求',
          '项目审批、核准、备案的申报条件、申报材料、办理流程、办理时限、受理机构及联系方式',
          `《政府投资条例》《企业投资项目核准和备案管理条例》${OGI}`,
          '县级发展改革部门',
          { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
        ),
        item(
          '审批（核准、备案）结果',
          '项目名称、项目代码、建设单位、审批（核准、备案）部门、批复文号、批复日期、主要建设内容',
          '《政府投资条例》《企业投资项目核准和备案管理条例》',
          '县级发展改革部门',
          { channels: WEB_MEDIA, itemType: '政务服务事项', process: '结果' },
        ),
      ]),
      group('招标投标信息', [
        item(
          '招标公告',
          '招标项目名称、招标人、招标条件、资格要求、招标文件获取时间和方式、投标截止时间、联系方式',
          '《中华人民共和国招标投标法》《中华人民共和国招标投标法实施条例》',
          '项目单位（招标人）',
          { timeLimit: '依法确定的招标公告发布时限内', town: true, process: '执行' },
        ),
        item(
          '中标候选人及中标结果',
          '中标候选人名称、排序、投标报价、中标人、中标金额、工期',
          '《中华人民共和国招标投标法实施条例》',
          '项目单位（招标人）',
          { timeLimit: '收到评标报告之日起3日内公示中标候选人', town: true, process: '结果' },
        ),
      ]),
      group('施工有关信息', [
        item(
          '施工许可',
          '建设单位、施工单位、监理单位、施工许可证编号、发证日期、合同工期',
          '《建筑工程施工许可管理办法》',
          '县级住房城乡建设部门',
          { itemType: '政务服务事项', process: '结果' },
        ),
        item(
          '质量安全监督',
          '质量安全监督检查计划、检查结果、整改要求、行政处罚决定',
          '《建设工程质量管理条例》《建设工程安全生产管理条例》',
          '县级住房城乡建设、交通运输、水利等行业主管部门',
          { process: '管理' },
        ),
      ]),
      group('竣工有关信息', [
        item(
          '竣工验收',
          '竣工验收时间、验收结论、工程竣工验收备案信息',
          '《建设工程质量管理条例》',
          '项目单位；县级行业主管部门',
          { town: true, process: '结果' },
        ),
      ]),
    ],
  },
  {
    code: 'publicResourceTrading',
    name: '公共资源交易',
    ministry: '国家发展改革委',
    items: [
      group('交易公告', [
        item(
          '工程建设项目招标投标公告',
          '项目名称、招标人、招标代理机构、资格条件、开标时间和地点、联系方式',
          '《中华人民共和国招标投标法》《公共资源交易平台管理暂行办法》',
          '县级公共资源交易中心；招标人',
          { channels: WEB_DESK, town: true, process: '执行' },
        ),
        item(
          '政府采购公告',
          '采购项目名称、预算金额、采购需求、供应商资格要求、获取采购文件的时间和方式',
          '《中华人民共和国政府采购法》《中华人民共和国政府采购法实施条例》',
          '采购人；县级财政部门',
          { timeLimit: '依法确定的采购公告期限内', process: '执行' },
        ),
      ]),
      group('交易结果', [
        item(
          '中标（成交）结果公示',
          '中标（成交）人名称、中标（成交）金额、评审专家名单、合同履行期限',
          '《中华人民共和国招标投标法实施条例》《政府采购信息发布管理办法》',
          '招标人、采购人；县级公共资源交易中心',
          { timeLimit: '中标（成交）结果确定之日起2个工作日内', town: true, process: '结果' },
        ),
        item(
          '合同订立及履行',
          '合同名称、合同金额、签订日期、履约验收情况',
          '《中华人民共和国政府采购法实施条例》',
          '采购人、招标人',
          { timeLimit: '合同签订之日起2个工作日内', process: '执行' },
        ),
      ]),
      group('监管信息', [
        item(
          '行政处罚及不良行为',
          '当事人名称、违法事实、处罚依据、处罚结果、作出处罚的机关和日期',
          '《中华人民共和国行政处罚法》《公共资源交易平台管理暂行办法》',
          '县级公共资源交易行政监督部门',
          { timeLimit: PENALTY, process: '结果' },
        ),
      ]),
    ],
  },
  {
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
  },
  {
    code: 'workSafety',
    name: '安全生产',
    ministry: '应急管理部',
    items: [
      group('行政许可', [
        item(
          '危险化学品经营许可',
          '许可事项、申请条件、申请材料、办理流程、许可结果（企业名称、许可证编号、有效期）',
          '《危险化学品安全管理条例》《危险化学品经营许可证管理办法》',
          '县级应急管理部门',
          { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
        ),
      ]),
      group('监管执法', [
        item(
          '年度监督检查计划',
          '检查对象、检查内容、检查方式、时间安排',
          '《中华人民共和国安全生产法》',
          '县级应急管理部门；乡镇人民政府',
          { town: true, process: '执行' },
        ),
        item(
          '行政处罚决定',
          '被处罚单位、违法事实、处罚依据、处罚结果、执法机关',
          '《中华人民共和国行政处罚法》《中华人民共和国安全生产法》',
          '县级应急管理部门',
          { timeLimit: PENALTY, process: '结果' },
        ),
      ]),
      group('事故信息', [
        item(
          '生产安全事故调查报告',
          '事故发生经过、原因、性质、责任认定、处理建议和整改措施',
          '《生产安全事故报告和调查处理条例》',
          '县级人民政府；县级应急管理部门',
          { timeLimit: '调查报告批复之日起20个工作日内', process: '结果' },
        ),
      ]),
    ],
  },
  {
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
  },
  {
    code: 'taxation',
    name: '税收管理',
    ministry: '税务总局',
    items: [
      group('税收政策', [
        item(
          '税收政策文件及解读',
          '税收法律法规、规范性文件、政策解读',
          '《中华人民共和国税收征收管理法》',
          '县级税务机关',
          { channels: WEB_MEDIA, process: '决策' },
        ),
      ]),
      group('办税服务', [
        item(
          '办税事项及流程',
          '办税事项清单、办理条件、所需资料、办理流程、办理时限、办税服务厅地址和时间',
          '《中华人民共和国税收征收管理法》',
          '县级税务机关',
          { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
        ),
        item(
          '个体工商户定额核定',
          '定额核定户名称、经营地点、核定定额、起止期限',
          '《个体工商户税收定期定额征收管理办法》',
          '县级税务机关',
          { channels: ['政府网站', '政务服务中心', '社区/企事业单位/村公示栏（电子屏）'], process: '结果' },
        ),
      ]),
      group('纳税信用', [
        item(
          '纳税信用A级纳税人名单',
          '纳税人名称、纳税人识别号、评价年度',
          '《纳税信用管理办法（试行）》',
          '县级税务机关',
          { timeLimit: '评价结果确定后及时公开', process: '结果' },
        ),
        item(
          '重大税收违法失信主体',
          '当事人名称、主要违法事实、处理处罚情况',
          '《重大税收违法失信主体信息公布管理办法》',
          '县级税务机关',
          { timeLimit: '确定之日起及时公布', process: '结果' },
        ),
      ]),
    ],
  },
  {
    code: 'urbanRuralPlanning',
    name: '城乡规划',
    ministry: '自然资源部',
    items: [
      group('规划编制', [
        item(
          '国土空间总体规划',
          '规划草案（公示稿）、征求意见情况、批准后的规划文本和图件',
          '《中华人民共和国城乡规划法》第八条、第二十六条',
          '县级自然资源主管部门',
          { timeLimit: '规划批准之日起20个工作日内', channels: WEB_DESK, process: '决策' },
        ),
        item(
          '村庄规划',
          '规划草案、村民意见、批准后的规划成果',
          '《中华人民共和国城乡规划法》第二十二条',
          '乡镇人民政府',
          { channels: NOTICE, town: true, process: '决策' },
        ),
      ]),
      group('规划许可', [
        item(
          '建设工程规划许可',
          '项目名称、建设单位、建设位置、建设规模、许可证编号、总平面图',
          '《中华人民共和国城乡规划法》第四十条',
          '县级自然资源主管部门',
          { itemType: '政务服务事项', process: '结果' },
        ),
        item(
          '乡村建设规划许可',
          '申请人、建设位置、用地面积、建筑面积、许可证编号',
          '《中华人民共和国城乡规划法》第四十一条',
          '县级自然资源主管部门；乡镇人民政府',
          { channels: NOTICE, town: true, itemType: '政务服务事项', process: '结果' },
        ),
      ]),
    ],
  },
  {
    code: 'landExpropriation',
    name: '征地补偿',
    ministry: '自然资源部',
    items: [
      group('征收前期', [
        item(
          '征收土地预公告',
          '征收范围、土地现状调查安排、征收目的',
          '《中华人民共和国土地管理法》第四十七条；《中华人民共和国土地管理法实施条例》第二十六条',
          '县级人民政府',
          { timeLimit: '拟申请征收土地前，不少于10个工作日', channels: NOTICE, town: true, process: '决策' },
        ),
        item(
          '征地补偿安置方案',
          '征收范围、土地现状、征收目的、补偿方式和标准、安置对象、安置方式、社会保障',
          '《中华人民共和国土地管理法》第四十七条',
          '县级人民政府；县级自然资源主管部门',
          { timeLimit: '公告时间不少于30日', channels: NOTICE, town: true, process: '决策' },
        ),
      ]),
      group('征收实施', [
        item(
          '征收土地公告',
          '批准机关、批准文号、征收范围、补偿安置方案、救济途径',
          '《中华人民共和国土地管理法实施条例》第三十一条',
          '县级人民政府',
          { timeLimit: '收到征地批准文件之日起15个工作日内', channels: NOTICE, town: true, process: '结果' },
        ),
        item(
          '征地补偿费用支付',
          '被征收土地所有权人、补偿费用数额、支付情况',
          '《中华人民共和国土地管理法》第四十八条',
          '县级自然资源主管部门；乡镇人民政府',
          { channels: VILLAGE, audience: '特定群众', town: true, process: '执行' },
        ),
      ]),
    ],
  },
  {
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
  },
  {
    code: 'affordableHousing',
    name: '保障性住房',
    ministry: '住房城乡建设部',
    items: [
      group('规划计划', [
        item(
          '年度建设计划',
          '保障性住房年度建设计划、项目名称、建设地点、建设套数',
          '《住房城乡建设部办公厅关于印发保障性住房领域基层政务公开标准指引的通知》（建办厅〔2019〕71号）',
          '县级住房保障部门',
          { process: '决策' },
        ),
      ]),
      group('分配管理', [
        item(
          '申请条件及程序',
          '保障对象条件、申请材料、审核程序、受理地点',
          '《公共租赁住房管理办法》',
          '县级住房保障部门；乡镇人民政府（街道办事处）',
          { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
        ),
        item(
          '保障对象审核结果公示',
          '申请人姓名、家庭人口、保障方式、审核结果',
          '《公共租赁住房管理办法》第十二条',
          '县级住房保障部门',
          {
            timeLimit: '审核后及时公示，公示期不少于5个工作日',
            channels: NOTICE,
            town: true,
            process: '结果',
          },
        ),
        item('配租配售结果', '分配房源、分配对象、分配结果', '《公共租赁住房管理办法》', '县级住房保障部门', {
          process: '结果',
        }),
      ]),
    ],
  },
  {
    code: 'ruralHousingRenovation',
    name: '农村危房改造',
    ministry: '住房城乡建设部',
    items: [
      group('政策信息', [
        item(
          '补助对象及标准',
          '补助对象范围、补助标准、申请条件、申请程序',
          '《农村危房改造基本安全技术导则》；省、市农村危房改造实施方案',
          '县级住房城乡建设部门；乡镇人民政府',
          {
            channels: ['政府网站', '社区/企事业单位/村公示栏（电子屏）', '入户/现场'],
            town: true,
            process: '决策',
          },
        ),
      ]),
      group('对象认定', [
        item(
          '改造对象公示',
          '申请户姓名、所在村、危险等级鉴定结果、拟补助金额',
          '省、市农村危房改造实施方案',
          '乡镇人民政府；村民委员会',
          {
            timeLimit: '评议审核后及时公示，公示期不少于7日',
            channels: VILLAGE,
            tiers: ['乡级'],
            process: '结果',
          },
        ),
      ]),
      group('资金管理', [
        item(
          '补助资金分配及发放',
          '资金来源、分配方案、发放对象、发放金额、发放时间',
          '《中央财政农村危房改造补助资金管理办法》',
          '县级住房城乡建设部门；县级财政部门',
          { town: true, process: '结果' },
        ),
      ]),
    ],
  },
  {
    code: 'municipalServices',
    name: '市政服务',
    ministry: '住房城乡建设部',
    items: [
      group('供水供气', [
        item(
          '服务标准及收费',
          '供水、供气服务标准，价格及收费依据，服务网点和联系方式',
          '《城镇燃气管理条例》《城市供水条例》',
          '县级城市管理（住房城乡建设）部门；供水、供气企业',
          { channels: SERVICE, process: '服务' },
        ),
        item(
          '计划停水停气通知',
          '停水停气范围、时间、原因及应急措施',
          '《城市供水条例》《城镇燃气管理条例》',
          '供水、供气企业',
          {
            timeLimit: '停水停气前24小时',
            channels: ['政府网站', '两微一端', '社区/企事业单位/村公示栏（电子屏）'],
            process: '执行',
          },
        ),
      ]),
      group('市政设施', [
        item(
          '市政设施建设计划',
          '道路、桥梁、排水等市政设施年度建设计划及进展',
          '《城市道路管理条例》《城镇排水与污水处理条例》',
          '县级城市管理（住房城乡建设）部门',
          { process: '决策' },
        ),
        item(
          '占用挖掘城市道路许可',
          '申请条件、申请材料、办理流程、许可结果',
          '《城市道路管理条例》',
          '县级城市管理部门',
          { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
        ),
      ]),
    ],
  },
  {
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
  },
  {
    code: 'ecologicalEnvironment',
    name: '生态环境',
    ministry: '生态环境部',
    items: [
      group('环境影响评价', [
        item(
          '环评文件受理及审批',
          '建设项目名称、建设地点、建设单位、环评文件、审批意见',
          '《中华人民共和国环境影响评价法》《建设项目环境影响评价政府信息公开指南（试行）》',
          '设区的市级生态环境部门派出机构',
          { timeLimit: '受理、拟审批、审批后分别及时公开', process: '结果', itemType: '政务服务事项' },
        ),
      ]),
      group('环境质量', [
        item(
          '环境质量状况',
          '空气质量、地表水和饮用水水源水质状况',
          '《中华人民共和国环境保护法》第五十四条',
          '县级生态环境部门',
          { timeLimit: '按月、按年定期公开', channels: WEB_MEDIA, process: '结果' },
        ),
      ]),
      group('环境监管', [
        item(
          '环境行政处罚',
          '被处罚单位、违法事实、处罚依据、处罚结果',
          '《中华人民共和国行政处罚法》《环境行政处罚办法》',
          '县级生态环境部门',
          { timeLimit: PENALTY, process: '结果' },
        ),
        item(
          '突发环境事件',
          '事件发生时间、地点、影响范围、应急处置情况',
          '《中华人民共和国突发事件应对法》《突发环境事件应急管理办法》',
          '县级人民政府；县级生态环境部门',
          { timeLimit: PROMPT, channels: ['政府网站', '两微一端', '广播电视'], town: true, process: '执行' },
        ),
      ]),
    ],
  },
  {
    code: 'publicCulture',
    name: '公共文化服务',
    ministry: '文化和旅游部',
    items: [
      group('公共文化设施', [
        item(
          '公共文化设施名录及开放信息',
          '图书馆、文化馆、综合文化站名称、地址、开放时间、服务项目、联系方式',
          '《中华人民共和国公共文化服务保障法》第三十一条',
          '县级文化和旅游部门；乡镇综合文化站',
          {
            channels: ['政府网站', '两微一端', '社区/企事业单位/村公示栏（电子屏）'],
            town: true,
            process: '服务',
          },
        ),
      ]),
      group('文化活动', [
        item(
          '公益性文化活动',
          '活动名称、时间、地点、内容、参与方式',
          '《中华人民共和国公共文化服务保障法》',
          '县级文化和旅游部门；乡镇人民政府',
          { timeLimit: '活动开展前及时公开', channels: WEB_MEDIA, town: true, process: '服务' },
        ),
        item(
          '非物质文化遗产名录',
          '项目名称、类别、保护单位、代表性传承人',
          '《中华人民共和国非物质文化遗产法》',
          '县级文化和旅游部门',
          { process: '结果' },
        ),
      ]),
    ],
  },
  {
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
  },
  {
    code: 'socialAssistance',
    name: '社会救助',
    ministry: '民政部',
    items: [
      group('政策标准', [
        item(
          '最低生活保障及特困人员救助供养标准',
          '城乡低保标准、特困人员基本生活标准和照料护理标准、调整情况',
          '《社会救助暂行办法》',
          '县级民政部门',
          { channels: WEB_DESK, process: '决策' },
        ),
      ]),
      group('办理服务', [
        item(
          '最低生活保障审核确认',
          '申请条件、申请材料、审核确认程序、办理时限、受理地点',
          '《社会救助暂行办法》《最低生活保障审核确认办法》',
          '县级民政部门；乡镇人民政府（街道办事处）',
          { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
        ),
        item(
          '临时救助',
          '救助对象范围、救助标准、申请程序',
          '《社会救助暂行办法》第四十七条至第五十条',
          '县级民政部门；乡镇人民政府（街道办事处）',
          { channels: SERVICE, town: true, itemType: '政务服务事项', process: '服务' },
        ),
      ]),
      group('救助结果', [
        item(
          '低保对象名单',
          '户主姓名、保障人数、保障金额、所在村（社区）',
          '《最低生活保障审核确认办法》第二十九条',
          '乡镇人民政府（街道办事处）',
          { timeLimit: '审核确认后每月更新', channels: VILLAGE, tiers: ['乡级'], process: '结果' },
        ),
      ]),
    ],
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
    code: 'compulsoryEducation',
    name: '义务教育',
    ministry: '教育部',
    items: [
      group('招生入学', [
        item(
          '招生入学政策',
          '招生范围、招生对象、报名条件、报名时间、所需材料、录取办法',
          '《中华人民共和国义务教育法》第十二条',
          '县级教育行政部门',
          { timeLimit: '招生工作开始前', channels: WEB_MEDIA, process: '决策' },
        ),
        item('学区划分', '学校名称、对应学区范围', '《中华人民共和国义务教育法》', '县级教育行政部门', {
          timeLimit: '招生工作开始前',
          channels: ['政府网站', '两微一端', '社区/企事业单位/村公示栏（电子屏）'],
          process: '决策',
        }),
      ]),
      group('学生资助', [
        item(
          '资助政策',
          '资助项目、资助对象、资助标准、申请程序',
          '《学生资助资金管理办法》',
          '县级教育行政部门；学校',
          { town: true, process: '决策' },
        ),
        item('资助名单', '受助学生、资助项目、资助金额', '《学生资助资金管理办法》', '学校', {
          channels: ['公开查阅点', '社区/企事业单位/村公示栏（电子屏）'],
          audience: '特定群众',
          process: '结果',
        }),
      ]),
    ],
  },
  {
    code: 'healthCare',
    name: '卫生健康',
    ministry: '国家卫生健康委',
    items: [
      group('医疗服务', [
        item(
          '医疗机构执业信息',
          '医疗机构名称、地址、诊疗科目、执业许可证有效期、服务时间',
          '《医疗机构管理条例》',
          '县级卫生健康部门',
          { process: '结果', itemType: '政务服务事项' },
        ),
      ]),
      group('公共卫生', [
        item(
          '基本公共卫生服务项目',
          '服务项目、服务对象、服务内容、服务机构',
          '《中华人民共和国基本医疗卫生与健康促进法》',
          '县级卫生健康部门；乡镇卫生院',
          {
            channels: ['政府网站', '便民服务站', '社区/企事业单位/村公示栏（电子屏）'],
            town: true,
            process: '服务',
          },
        ),
        item(
          '传染病疫情信息',
          '法定传染病疫情、防控措施',
          '《中华人民共和国传染病防治法》',
          '县级卫生健康部门',
          { timeLimit: PROMPT, channels: ['政府网站', '两微一端', '广播电视'], process: '结果' },
        ),
      ]),
      group('计划生育', [
        item(
          '计划生育家庭奖励扶助',
          '奖励扶助对象条件、标准、申请程序、对象公示',
          '《中华人民共和国人口与计划生育法》',
          '县级卫生健康部门；乡镇人民政府',
          { channels: NOTICE, town: true, process: '结果' },
        ),
      ]),
    ],
  },
  {
    code: 'foodDrugSupervision',
    name: '食品药品监管',
    ministry: '市场监管总局 / 国家药监局',
    items: [
      group('行政许可', [
        item(
          '食品经营许可',
          '申请条件、申请材料、办理流程、许可结果（经营者名称、许可证编号、有效期）',
          '《中华人民共和国食品安全法》《食品经营许可和备案管理办法》',
          '县级市场监督管理部门',
          { channels: SERVICE, itemType: '政务服务事项', process: '服务' },
        ),
      ]),
      group('监督检查', [
        item(
          '食品安全监督抽检',
          '抽检计划、抽检产品、被抽样单位、检验结果、不合格产品处置',
          '《中华人民共和国食品安全法》第一百一十八条',
          '县级市场监督管理部门',
          { process: '结果' },
        ),
        item(
          '行政处罚决定',
          '被处罚人、违法事实、处罚依据、处罚结果',
          '《中华人民共和国行政处罚法》《市场监督管理行政处罚信息公示规定》',
          '县级市场监督管理部门',
          { timeLimit: PENALTY, process: '结果' },
        ),
      ]),
    ],
  },
  {
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
  },
  {
    code: 'povertyAlleviation',
    name: '扶贫',
    ministry: '国务院扶贫办',
    items: [
      group('政策措施', [
        item(
          '扶贫（乡村振兴衔接）政策',
          '政策文件、帮扶措施、享受条件',
          '《关于实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接的意见》',
          '县级乡村振兴部门',
          { channels: WEB_MEDIA, town: true, process: '决策' },
        ),
      ]),
      group('资金项目', [
        item(
          '项目库及年度计划',
          '项目名称、实施地点、建设内容、资金规模、受益对象',
          '《关于完善县级脱贫攻坚项目库建设的指导意见》',
          '县级乡村振兴部门；乡镇人民政府',
          { channels: NOTICE, town: true, process: '决策' },
        ),
        item(
          '资金分配及使用',
          '资金来源、分配结果、项目实施情况、绩效目标',
          '《中央财政衔接推进乡村振兴补助资金管理办法》',
          '县级乡村振兴部门；县级财政部门',
          { town: true, process: '结果' },
        ),
      ]),
      group('帮扶对象', [
        item(
          '监测帮扶对象',
          '监测对象户主、所在村、识别时间、帮扶措施',
          '《关于健全防止返贫动态监测和帮扶机制的指导意见》',
          '乡镇人民政府；村民委员会',
          { channels: VILLAGE, audience: '特定群众', tiers: ['乡级'], process: '结果' },
        ),
      ]),
    ],
  },
];

const VILLAGE_LAW = '《中华人民共和国村民委员会组织法》第三十条';
const COMMITTEE = '村（居）民委员会';

/** 村务公开 (村民委员会组织法第三十条): what a village or community posts on its notice board. */
export const villageTemplate: DomainTemplate = {
  code: 'village',
  name: '村（社区）事务公开',
  ministry: '民政部',
  items: [
    item('村级财务收支', '收入、支出明细，集体经济所得收益的使用', VILLAGE_LAW, COMMITTEE, {
      timeLimit: '一般事项至少每季度公布一次；集体财务往来较多的，财务收支情况每月公布一次',
      channels: VILLAGE,
      audience: '特定群众',
      tiers: [],
    }),
    item('村民会议和村民代表会议决定事项', '讨论决定的事项及其实施情况', VILLAGE_LAW, COMMITTEE, {
      timeLimit: '决定作出后及时公布',
      channels: VILLAGE,
      audience: '特定群众',
      tiers: [],
    }),
    item(
      '宅基地使用方案',
      '宅基地申请户、面积、位置、审核结果',
      `${VILLAGE_LAW}；《中华人民共和国土地管理法》第六十二条`,
      COMMITTEE,
      {
        channels: VILLAGE,
        audience: '特定群众',
        tiers: [],
      },
    ),
    item('集体资产资源', '集体资产清单、资源发包租赁、承包合同', VILLAGE_LAW, COMMITTEE, {
      channels: VILLAGE,
      audience: '特定群众',
      tiers: [],
    }),
    item('低保、特困及救助对象', '救助对象、救助类别、救助金额', '《社会救助暂行办法》', COMMITTEE, {
      channels: VILLAGE,
      audience: '特定群众',
      tiers: [],
    }),
    item('惠农补贴发放', '补贴项目、享受对象、补贴金额', VILLAGE_LAW, COMMITTEE, {
      channels: VILLAGE,
      audience: '特定群众',
      tiers: [],
    }),
  ],
};

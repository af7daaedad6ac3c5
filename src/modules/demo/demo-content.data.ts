/**
 * What the demo's records are written from: per pilot domain, the department that publishes, its
 * 发文代字 and 主题分类, and templates of the records such a department publishes under the
 * domain's catalog items (titles, bodies, 体裁), each filled in with a town, a year and figures by
 * demo-content.ts. The wording follows the notices and lists the seed's 晋江市 publishes; names of
 * projects, villages and people are illustrative.
 */

export interface Vars {
  year: number;
  /** The month of publication (1–12): a monthly figure is of the month before. */
  month: number;
  /** A town or street of the demo (e.g. 磁灶镇). */
  town: string;
  /** A village or community (e.g. 大埔村). */
  village: string;
  /** 1, 2, … within the template. */
  n: number;
  /** Deterministic figures for the template to use (0 ≤ r < 1). */
  r: () => number;
}

export interface RecordDraft {
  /** The catalog item (its name or part of it) the record is filed under. */
  item: string;
  title: string;
  genre: string;
  body: string[];
  /** Issued as a 公文: the record gets a 文号 with the plan's 发文代字. */
  issued?: boolean;
  keywords?: string;
  subject?: string;
}

export interface DomainPlan {
  code: string;
  agency: string;
  /** 发文代字, e.g. 晋发改 → 晋发改〔2026〕12号. */
  docCode: string;
  subject: string;
  templates: Array<(v: Vars) => RecordDraft>;
}

/** The month before `month`, and its year. */
const previous = (year: number, month: number) =>
  month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };

const int = (r: () => number, min: number, max: number) => Math.floor(min + r() * (max - min + 1));
const money = (r: () => number, min: number, max: number) => (min + r() * (max - min)).toFixed(2);

export const projects = [
  '世纪大道北延伸段改造工程',
  '晋江国际鞋纺城配套道路工程',
  '安海湾南岸生态修复工程',
  '磁灶陶瓷产业园标准厂房',
  '梅岭片区城市更新项目',
  '九十九溪流域综合治理工程',
  '晋江第二体育中心',
  '滨江商务区地下综合管廊',
  '紫帽山森林公园登山步道',
  '深沪湾海洋公园配套设施',
  '市医院晋南分院扩建工程',
  '陈埭镇中心小学新校区',
] as const;

export const domainPlans: DomainPlan[] = [
  {
    code: 'majorProjects',
    agency: '晋江市发展和改革局',
    docCode: '晋发改',
    subject: '国民经济管理、国有资产监管\\重大建设项目',
    templates: [
      ({ year, r }) => ({
        item: '申报要求',
        title: `晋江市发展和改革局关于做好${year}年市级重点项目申报工作的通知`,
        genre: '通知',
        issued: true,
        body: [
          '各镇人民政府、街道办事处，市直有关单位：',
          `为加快推进${year}年市级重点项目建设，现就项目申报有关事项通知如下：申报项目应符合国家产业政策和我市国土空间规划，总投资原则上不低于${int(r, 3, 8)}000万元。`,
          `请于${year}年${int(r, 2, 4)}月${int(r, 10, 28)}日前将申报表和项目前期工作进展情况报送市发展和改革局投资科。`,
        ],
      }),
      ({ year, n, r }) => {
        const p = projects[(n * 3 + year) % projects.length]!;
        return {
          item: '审批（核准、备案）结果',
          title: `关于${p}可行性研究报告的批复`,
          genre: '批复',
          issued: true,
          body: [
            `你单位报送的《${p}可行性研究报告》收悉。经研究，原则同意该项目建设。`,
            `项目估算总投资${money(r, 0.8, 12)}亿元，资金由市级财政和专项债券解决，建设工期${int(r, 18, 36)}个月。`,
            '请严格按照批复内容组织实施，落实安全生产和质量管理责任。',
          ],
          keywords: '可行性研究报告 批复',
        };
      },
      ({ year, n, r }) => {
        const p = projects[(n * 5 + year + 1) % projects.length]!;
        return {
          item: '竣工验收',
          title: `${p}竣工验收情况公示`,
          genre: '公示',
          body: [
            `${p}于${year}年${int(r, 1, 11)}月完成竣工验收。建设单位会同设计、施工、监理单位组织验收，工程质量符合设计和规范要求，验收合格。`,
            '公示期为5个工作日，对公示内容有异议的，请向市发展和改革局反映。',
          ],
        };
      },
    ],
  },
  {
    code: 'publicResourceTrading',
    agency: '晋江市发展和改革局',
    docCode: '晋发改',
    subject: '国民经济管理、国有资产监管\\重大建设项目',
    templates: [
      ({ town, n, r }) => ({
        item: '工程建设项目招标投标公告',
        title: `${town}${['农村公路提级改造', '污水管网完善', '农贸市场提升改造', '中小学校舍维修'][n % 4]}工程施工招标公告`,
        genre: '公告',
        body: [
          `本招标项目已批准建设，招标人为${town}人民政府，建设资金来自财政资金，项目已具备招标条件，现对该项目施工进行公开招标。`,
          `招标控制价${money(r, 120, 980)}万元，计划工期${int(r, 90, 240)}日历天。投标人须具备市政公用工程施工总承包三级及以上资质。`,
          '投标文件递交截止时间以电子招标投标交易平台公布为准。',
        ],
      }),
      ({ town, n, r }) => ({
        item: '中标（成交）结果公示',
        title: `${town}${['村道硬化', '河道清淤整治', '路灯安装', '公园绿化提升'][n % 4]}工程中标结果公示`,
        genre: '公示',
        body: [
          `经评标委员会评审，确定中标人为福建省某建设工程有限公司，中标价${money(r, 80, 760)}万元，项目经理持有一级建造师证书。`,
          '公示期为3日。投标人或者其他利害关系人对评标结果有异议的，应当在公示期间提出。',
        ],
      }),
    ],
  },
  {
    code: 'budgetFinalAccounts',
    agency: '晋江市财政局',
    docCode: '晋财',
    subject: '财政、金融、审计\\财政',
    templates: [
      ({ year, r }) => ({
        item: '本级政府预算',
        title: `晋江市${year}年预算执行情况和${year + 1}年预算草案的报告`,
        genre: '报告',
        body: [
          `${year}年全市一般公共预算总收入${int(r, 230, 280)}.${int(r, 1, 9)}亿元，地方一般公共预算收入${int(r, 140, 170)}.${int(r, 1, 9)}亿元。`,
          `${year + 1}年一般公共预算支出安排坚持“过紧日子”，民生支出占比保持在${int(r, 75, 80)}%以上。`,
        ],
        keywords: '预算 决算',
      }),
      ({ year, r }) => ({
        item: '部门预算',
        title: `晋江市${['教育局', '民政局', '卫生健康局', '城市管理局'][year % 4]}${year}年部门预算公开`,
        genre: '预算',
        body: [
          `按照预算公开有关规定，现将${year}年部门预算公开如下：收入预算${money(r, 2000, 90000)}万元，全部为一般公共预算拨款。`,
          `“三公”经费预算${money(r, 10, 90)}万元，比上年下降${int(r, 3, 12)}%。`,
        ],
      }),
      ({ year, r }) => ({
        item: '地方政府债务限额及余额',
        title: `晋江市${year}年地方政府债务限额及余额情况`,
        genre: '公告',
        body: [
          `截至${year}年末，全市地方政府债务余额${int(r, 300, 420)}.${int(r, 1, 9)}亿元，控制在省财政厅下达的债务限额以内。`,
          '其中一般债务和专项债务分别按照预算管理要求纳入一般公共预算和政府性基金预算。',
        ],
      }),
    ],
  },
  {
    code: 'workSafety',
    agency: '晋江市应急管理局',
    docCode: '晋应急',
    subject: '市场监管、安全生产监管\\安全生产监管',
    templates: [
      ({ year, r }) => ({
        item: '年度监督检查计划',
        title: `晋江市应急管理局${year}年度安全生产监督检查计划`,
        genre: '计划',
        issued: true,
        body: [
          `根据《中华人民共和国安全生产法》，制定本计划。全年计划检查生产经营单位${int(r, 300, 600)}家次，重点检查危险化学品、工贸行业粉尘涉爆和有限空间作业企业。`,
          '检查采取“双随机、一公开”方式，检查结果按规定向社会公开。',
        ],
      }),
      ({ town, r }) => ({
        item: '行政处罚决定',
        title: `晋江市应急管理局行政处罚决定书（晋应急罚〔${2025}〕${int(r, 10, 99)}号）`,
        genre: '行政处罚',
        body: [
          `当事人：${town}某鞋服有限公司。违法事实：未按规定对从业人员进行安全生产教育和培训。`,
          `依据《中华人民共和国安全生产法》第九十七条，决定给予罚款人民币${int(r, 2, 9)}万元的行政处罚。`,
        ],
      }),
    ],
  },
  {
    code: 'disasterRelief',
    agency: '晋江市应急管理局',
    docCode: '晋应急',
    subject: '民政、扶贫、救灾\\减灾救灾',
    templates: [
      ({ year }) => ({
        item: '自然灾害救助应急预案',
        title: `晋江市自然灾害救助应急预案（${year}年修订）`,
        genre: '预案',
        issued: true,
        body: [
          '为建立健全应对突发重大自然灾害救助体系和运行机制，规范紧急救助行为，制定本预案。',
          '本预案适用于本市行政区域内发生台风、暴雨、地震等自然灾害的市级应急救助工作。',
        ],
      }),
      ({ year, town, r }) => ({
        item: '救灾款物分配及发放',
        title: `${year}年第${int(r, 3, 9)}号台风灾后救灾资金分配情况公示（${town}）`,
        genre: '公示',
        body: [
          `${town}本次台风受灾群众${int(r, 20, 80)}户，发放过渡期生活救助资金${money(r, 5, 30)}万元、棉被${int(r, 40, 200)}床。`,
          '救灾资金实行专账管理、专款专用，接受社会监督。',
        ],
      }),
    ],
  },
  {
    code: 'taxation',
    agency: '国家税务总局晋江市税务局',
    docCode: '晋税',
    subject: '财政、金融、审计\\税务',
    templates: [
      ({ year }) => ({
        item: '纳税信用A级纳税人名单',
        title: `国家税务总局晋江市税务局关于公布${year}年度纳税信用A级纳税人名单的公告`,
        genre: '公告',
        body: [
          `根据《纳税信用管理办法（试行）》，现将${year}年度纳税信用A级纳税人名单予以公布。`,
          '名单按纳税人识别号排序，纳税人可以在电子税务局查询本单位纳税信用级别。',
        ],
      }),
      ({ year, r }) => ({
        item: '个体工商户定额核定',
        title: `晋江市${year}年第${int(r, 1, 4)}季度个体工商户定额核定情况公示`,
        genre: '公示',
        body: [
          `本季度核定定期定额个体工商户${int(r, 800, 2000)}户，核定结果在各办税服务厅和本网站同步公示。`,
        ],
      }),
    ],
  },
  {
    code: 'urbanRuralPlanning',
    agency: '晋江市自然资源局',
    docCode: '晋自然资',
    subject: '城乡建设、环境保护\\城市规划',
    templates: [
      ({ town, village }) => ({
        item: '村庄规划',
        title: `${town}${village}村庄规划（2021—2035年）批前公示`,
        genre: '公示',
        body: [
          `《${town}${village}村庄规划（2021—2035年）》已编制完成，现予公示，公示期30日。`,
          '规划范围为村域全域，明确了生态保护红线、永久基本农田和村庄建设边界。',
        ],
      }),
      ({ year, n, r }) => ({
        item: '建设工程规划许可',
        title: `建设工程规划许可证核发信息公开（${year}年第${n + int(r, 10, 40)}批）`,
        genre: '公示',
        body: [
          `本批次核发建设工程规划许可证${int(r, 4, 15)}件，涉及住宅、工业厂房和公共服务设施。`,
          '许可内容包括建设单位、项目名称、建设位置、建设规模和许可证编号。',
        ],
      }),
    ],
  },
  {
    code: 'landExpropriation',
    agency: '晋江市自然资源局',
    docCode: '晋自然资',
    subject: '国土资源、能源\\土地',
    templates: [
      ({ year, town, r }) => ({
        item: '征收土地预公告',
        title: `晋江市人民政府征收土地预公告（${year}年第${int(r, 1, 30)}号，${town}）`,
        genre: '公告',
        body: [
          `因公共利益需要，拟征收${town}集体土地${money(r, 1, 20)}公顷，用于城乡基础设施建设。`,
          '自本公告发布之日起，任何单位和个人不得在拟征收范围内抢栽抢建；违反规定抢栽抢建的，对抢栽抢建部分不予补偿。',
        ],
      }),
      ({ town, village, r }) => ({
        item: '征地补偿安置方案',
        title: `${town}${village}征地补偿安置方案公告`,
        genre: '公告',
        body: [
          `征收土地${money(r, 0.5, 8)}公顷，土地补偿费和安置补助费按区片综合地价标准执行。`,
          '被征地农村集体经济组织、农村村民或者其他权利人对方案有异议的，可以在公告之日起30日内提出；过半数认为方案不符合法律法规规定的，将组织听证。',
        ],
      }),
    ],
  },
  {
    code: 'housingExpropriation',
    agency: '晋江市住房和城乡建设局',
    docCode: '晋建',
    subject: '城乡建设、环境保护\\城乡建设（含住房）',
    templates: [
      ({ n }) => ({
        item: '房屋征收决定公告',
        title: `晋江市人民政府关于${['梅岭街道桂山片区', '青阳街道五店市周边', '西园街道霞福片区'][n % 3]}国有土地上房屋征收决定的公告`,
        genre: '公告',
        body: [
          '根据《国有土地上房屋征收与补偿条例》，为实施旧城区改建，决定对该片区国有土地上房屋实施征收。',
          '被征收人对征收决定不服的，可以自本公告发布之日起60日内申请行政复议，或者6个月内提起行政诉讼。',
        ],
      }),
      ({ n }) => ({
        item: '房地产价格评估机构选定',
        title: `${['梅岭街道桂山片区', '青阳街道五店市周边', '西园街道霞福片区'][n % 3]}房屋征收评估机构选定结果公告`,
        genre: '公告',
        body: ['经被征收人协商选定，确定福建某房地产土地评估有限公司为本项目的房地产价格评估机构。'],
      }),
    ],
  },
  {
    code: 'affordableHousing',
    agency: '晋江市住房和城乡建设局',
    docCode: '晋建',
    subject: '城乡建设、环境保护\\城乡建设（含住房）',
    templates: [
      ({ year, r }) => ({
        item: '保障对象审核结果公示',
        title: `晋江市${year}年第${int(r, 1, 6)}批公共租赁住房保障对象审核结果公示`,
        genre: '公示',
        body: [
          `经申请人申请、街道初审、市住建局复审，本批${int(r, 20, 120)}户申请家庭符合公共租赁住房保障条件，现予公示。`,
          '公示期为7日，对公示对象有异议的，可以实名向市住房和城乡建设局反映。',
        ],
      }),
      ({ year, r }) => ({
        item: '年度建设计划',
        title: `晋江市${year}年保障性租赁住房筹集建设计划`,
        genre: '计划',
        issued: true,
        body: [
          `${year}年计划筹集保障性租赁住房${int(r, 1500, 4000)}套（间），主要面向新市民、青年人和外来务工人员。`,
        ],
      }),
    ],
  },
  {
    code: 'ruralHousingRenovation',
    agency: '晋江市住房和城乡建设局',
    docCode: '晋建',
    subject: '城乡建设、环境保护\\城乡建设（含住房）',
    templates: [
      ({ year, town, r }) => ({
        item: '改造对象公示',
        title: `${town}${year}年农村低收入群体等重点对象危房改造对象公示`,
        genre: '公示',
        body: [
          `经农户申请、村评议、镇审核，${town}${year}年拟纳入农村危房改造对象${int(r, 3, 15)}户，现予公示。`,
          '公示期为7日。',
        ],
      }),
    ],
  },
  {
    code: 'municipalServices',
    agency: '晋江市城市管理局',
    docCode: '晋城管',
    subject: '城乡建设、环境保护\\城乡建设（含住房）',
    templates: [
      ({ year, month, town, r }) => ({
        item: '计划停水停气通知',
        title: `关于${town}部分区域${year}年${month}月计划停水的通知`,
        genre: '通知',
        body: [
          `因供水管网改造施工，${town}部分区域将于${int(r, 1, 28)}日8:00至20:00停止供水。`,
          '请相关用户提前做好储水准备，由此带来的不便敬请谅解。服务热线：0595-85600000。',
        ],
      }),
      ({ year }) => ({
        item: '市政设施建设计划',
        title: `晋江市${year}年市政道路和排水设施建设计划`,
        genre: '计划',
        issued: true,
        body: ['计划实施道路提升、雨污分流和积水点整治项目，完工后及时向社会公布。'],
      }),
    ],
  },
  {
    code: 'urbanLawEnforcement',
    agency: '晋江市城市管理局',
    docCode: '晋城管',
    subject: '城乡建设、环境保护\\其他',
    templates: [
      ({ year }) => ({
        item: '执法机构职责及权责清单',
        title: `晋江市城市管理局行政执法事项清单（${year}年版）`,
        genre: '清单',
        body: ['本清单列明行政处罚、行政强制等执法事项的名称、依据、实施主体和责任方式。'],
      }),
      ({ town, r }) => ({
        item: '行政处罚决定',
        title: `晋江市城市管理局行政处罚决定信息公开（晋城管罚字〔2026〕第${int(r, 100, 999)}号）`,
        genre: '行政处罚',
        body: [
          `当事人在${town}未经许可擅自占用城市道路堆放物料，依据《城市道路管理条例》，决定处以罚款${int(r, 1, 5)}000元。`,
        ],
      }),
    ],
  },
  {
    code: 'ecologicalEnvironment',
    agency: '泉州市晋江生态环境局',
    docCode: '泉晋环',
    subject: '城乡建设、环境保护\\环境监测、保护与治理',
    templates: [
      ({ year, month, r }) => ({
        item: '环境质量状况',
        title: `晋江市${previous(year, month).y}年${previous(year, month).m}月环境空气质量状况`,
        genre: '报告',
        body: [
          `本月全市环境空气质量优良天数比例为${int(r, 90, 100)}%，主要污染物为臭氧和细颗粒物。`,
          `细颗粒物（PM2.5）月均浓度${int(r, 12, 30)}微克/立方米。`,
        ],
      }),
      ({ town, r }) => ({
        item: '环评文件受理及审批',
        title: `${town}某${['陶瓷', '鞋材', '纺织印染', '食品'][int(r, 0, 3)]}企业技改项目环境影响报告表审批意见`,
        genre: '批复',
        issued: true,
        body: [
          '经审查，在全面落实报告表提出的各项污染防治措施后，项目建设对环境的不利影响能够得到缓解和控制，同意项目建设。',
        ],
      }),
    ],
  },
  {
    code: 'publicCulture',
    agency: '晋江市文化体育和旅游局',
    docCode: '晋文旅',
    subject: '文化、广电、新闻出版\\文化',
    templates: [
      ({ year, town }) => ({
        item: '公益性文化活动',
        title: `“文化进万家”${year}年${town}惠民演出活动安排`,
        genre: '通知',
        body: [`活动在${town}文化广场举行，演出高甲戏、木偶戏和南音等本地传统剧目，群众可免费观看。`],
      }),
      ({ year }) => ({
        item: '非物质文化遗产名录',
        title: `晋江市第${year - 2017}批市级非物质文化遗产代表性项目名录`,
        genre: '名录',
        issued: true,
        body: ['经专家评审和社会公示，确定深沪褒歌、安海嗦啰嗹等项目列入市级非物质文化遗产代表性项目名录。'],
      }),
    ],
  },
  {
    code: 'publicLegalServices',
    agency: '晋江市司法局',
    docCode: '晋司',
    subject: '公安、安全、司法\\司法',
    templates: [
      ({ year }) => ({
        item: '公共法律服务中心',
        title: `晋江市公共法律服务实体平台名录（${year}年）`,
        genre: '名录',
        body: [
          '全市建成市级公共法律服务中心1个、镇（街道）公共法律服务工作站19个、村（社区）公共法律服务工作室395个。',
        ],
      }),
      ({ year, r }) => ({
        item: '法律援助申请',
        title: `晋江市${year}年法律援助案件办理情况`,
        genre: '报告',
        body: [
          `全年受理法律援助案件${int(r, 1200, 2200)}件，其中农民工讨薪案件${int(r, 300, 600)}件，为受援人挽回经济损失${int(r, 1000, 3000)}万元。`,
        ],
      }),
    ],
  },
  {
    code: 'socialAssistance',
    agency: '晋江市民政局',
    docCode: '晋民',
    subject: '民政、扶贫、救灾\\社会福利',
    templates: [
      ({ year, r }) => ({
        item: '最低生活保障及特困人员救助供养标准',
        title: `关于调整${year}年城乡最低生活保障标准的通知`,
        genre: '通知',
        issued: true,
        body: [
          `自${year}年7月1日起，全市城乡最低生活保障标准统一提高到每人每月${int(r, 85, 98)}0元，特困人员基本生活标准按不低于低保标准的1.3倍确定。`,
        ],
        keywords: '低保 社会救助',
      }),
      ({ year, town, r }) => ({
        item: '低保对象名单',
        title: `${town}${year}年第${int(r, 1, 4)}季度最低生活保障对象名单公示`,
        genre: '公示',
        body: [
          `本季度${town}在保低保对象${int(r, 60, 260)}户，公示内容包括户主姓名（部分隐去）、所在村（社区）、保障人数和保障金额。`,
        ],
      }),
    ],
  },
  {
    code: 'elderlyCare',
    agency: '晋江市民政局',
    docCode: '晋民',
    subject: '民政、扶贫、救灾\\社会福利',
    templates: [
      ({ year, month, r }) => ({
        item: '高龄津贴发放',
        title: `${year}年${month}月高龄老人津贴发放情况`,
        genre: '公示',
        body: [
          `本月向80周岁以上老年人发放高龄津贴${int(r, 30000, 42000)}人次，共计${money(r, 300, 600)}万元。`,
        ],
      }),
      ({ year }) => ({
        item: '养老服务扶持政策',
        title: `晋江市居家和社区养老服务补助办法（${year}年修订）`,
        genre: '行政规范性文件',
        issued: true,
        body: ['第一条 为推进居家和社区养老服务发展，根据《福建省养老服务条例》，结合本市实际，制定本办法。'],
      }),
    ],
  },
  {
    code: 'householdRegistration',
    agency: '晋江市公安局',
    docCode: '晋公',
    subject: '公安、安全、司法\\公安',
    templates: [
      ({ year }) => ({
        item: '户口迁移',
        title: `晋江市户口迁移办事指南（${year}年版）`,
        genre: '办事指南',
        body: ['办理条件、所需材料、办理流程和办理时限见本指南。群众可以在户籍窗口或“闽政通”办理。'],
      }),
      ({ year }) => ({
        item: '居住证办理',
        title: `晋江市公安局关于${year}年居住证“一件事”集成办理的公告`,
        genre: '公告',
        body: ['符合条件的来晋人员可以在线申领居住证，公安机关在15个工作日内办结。'],
      }),
    ],
  },
  {
    code: 'employment',
    agency: '晋江市人力资源和社会保障局',
    docCode: '晋人社',
    subject: '劳动、人事、监察\\劳动就业',
    templates: [
      ({ year, r }) => ({
        item: '招聘信息及招聘会',
        title: `${year}年“春风行动”晋江专场招聘会（第${int(r, 1, 9)}场）`,
        genre: '公告',
        body: [
          `本场招聘会共有${int(r, 80, 200)}家企业参加，提供鞋服、纺织、陶瓷等行业岗位${int(r, 2000, 6000)}个。`,
        ],
      }),
      ({ year, r }) => ({
        item: '就业补贴资金发放',
        title: `${year}年第${int(r, 1, 4)}批一次性吸纳就业补贴拟发放名单公示`,
        genre: '公示',
        body: [`本批拟向${int(r, 20, 90)}家企业发放一次性吸纳就业补贴，共计${money(r, 10, 80)}万元。`],
      }),
    ],
  },
  {
    code: 'socialInsurance',
    agency: '晋江市人力资源和社会保障局',
    docCode: '晋人社',
    subject: '劳动、人事、监察\\社会保障',
    templates: [
      ({ year, r }) => ({
        item: '社会保险基金收支',
        title: `晋江市${year}年城乡居民基本养老保险基金收支情况`,
        genre: '报告',
        body: [
          `全年基金收入${money(r, 5, 9)}亿元，支出${money(r, 4, 8)}亿元，参保人数${int(r, 45, 55)}万人。`,
        ],
      }),
      ({ year }) => ({
        item: '城乡居民基本养老保险参保登记',
        title: `关于做好${year}年度城乡居民基本养老保险参保缴费工作的通知`,
        genre: '通知',
        issued: true,
        body: ['缴费档次分为每人每年200元至5000元共14个档次，参保人自主选择。'],
      }),
    ],
  },
  {
    code: 'compulsoryEducation',
    agency: '晋江市教育局',
    docCode: '晋教',
    subject: '科技、教育\\教育',
    templates: [
      ({ year }) => ({
        item: '招生入学政策',
        title: `晋江市${year}年义务教育学校招生工作实施方案`,
        genre: '方案',
        issued: true,
        body: ['坚持免试就近入学，公办民办学校同步招生。小学一年级新生网上报名时间为7月上旬。'],
      }),
      ({ year, town }) => ({
        item: '学区划分',
        title: `${town}${year}年公办小学招生片区划分`,
        genre: '公告',
        body: [`${town}各公办小学的招生片区以村（社区）为单位划定，详见附表。`],
      }),
    ],
  },
  {
    code: 'healthCare',
    agency: '晋江市卫生健康局',
    docCode: '晋卫',
    subject: '卫生、体育\\卫生',
    templates: [
      ({ year }) => ({
        item: '基本公共卫生服务项目',
        title: `晋江市${year}年国家基本公共卫生服务项目实施方案`,
        genre: '方案',
        issued: true,
        body: ['为居民免费提供居民健康档案管理、预防接种、老年人健康管理和慢性病患者健康管理等服务。'],
      }),
      ({ year, month, r }) => ({
        item: '传染病疫情信息',
        title: `晋江市${previous(year, month).y}年${previous(year, month).m}月法定传染病疫情概况`,
        genre: '报告',
        body: [`本月全市报告法定传染病${int(r, 300, 900)}例，无甲类传染病报告，无死亡病例。`],
      }),
    ],
  },
  {
    code: 'foodDrugSupervision',
    agency: '晋江市市场监督管理局',
    docCode: '晋市监',
    subject: '市场监管、安全生产监管\\食品药品监管',
    templates: [
      ({ year, r }) => ({
        item: '食品安全监督抽检',
        title: `晋江市市场监督管理局${year}年第${int(r, 1, 24)}期食品安全监督抽检信息公告`,
        genre: '公告',
        body: [`本期抽检食品${int(r, 80, 200)}批次，合格${int(r, 78, 198)}批次，不合格产品已依法处置。`],
      }),
      ({ town, r }) => ({
        item: '行政处罚决定',
        title: `晋江市市场监督管理局行政处罚决定书（晋市监处罚〔2026〕${int(r, 100, 999)}号）`,
        genre: '行政处罚',
        body: [
          `当事人${town}某餐饮店经营超过保质期的食品，依据《中华人民共和国食品安全法》第一百二十四条，没收违法所得并处罚款。`,
        ],
      }),
    ],
  },
  {
    code: 'agriculturalSubsidies',
    agency: '晋江市农业农村局',
    docCode: '晋农',
    subject: '农业、林业、水利\\农业、畜牧业、渔业',
    templates: [
      ({ year, r }) => ({
        item: '耕地地力保护补贴',
        title: `晋江市${year}年耕地地力保护补贴发放情况公示`,
        genre: '公示',
        body: [
          `补贴面积${int(r, 5, 9)}.${int(r, 1, 9)}万亩，补贴标准每亩${int(r, 90, 130)}元，资金通过“一卡通”直接发放到户。`,
        ],
      }),
      ({ year }) => ({
        item: '农机购置补贴',
        title: `晋江市${year}年农机购置与应用补贴实施方案`,
        genre: '方案',
        issued: true,
        body: ['补贴对象为从事农业生产的个人和农业生产经营组织，实行定额补贴。'],
      }),
    ],
  },
  {
    code: 'povertyAlleviation',
    agency: '晋江市农业农村局',
    docCode: '晋农',
    subject: '民政、扶贫、救灾\\扶贫',
    templates: [
      ({ year, r }) => ({
        item: '项目库及年度计划',
        title: `晋江市${year}年巩固拓展脱贫攻坚成果和乡村振兴项目库`,
        genre: '计划',
        body: [`入库项目${int(r, 40, 90)}个，涵盖产业发展、农村基础设施和就业帮扶。`],
      }),
      ({ year, town, r }) => ({
        item: '资金分配及使用',
        title: `${town}${year}年衔接推进乡村振兴补助资金使用情况公示`,
        genre: '公示',
        body: [
          `${town}本年度使用衔接资金${money(r, 50, 300)}万元，用于村集体经济发展项目和农村人居环境整治。`,
        ],
      }),
    ],
  },
];

/** The city's own domain (“26+10”'s local part): its items and the records under them. */
export const localDomain = {
  name: '民营经济服务',
  agency: '晋江市工业和信息化局',
  items: [
    {
      name: '惠企政策',
      contentElements: '政策名称、适用对象、扶持标准、申报方式、联系方式',
      basis: '《优化营商环境条例》第十五条',
    },
    {
      name: '企业服务事项',
      contentElements: '服务事项、办理条件、办理时限、联系方式',
      basis: '《优化营商环境条例》第三十五条',
    },
  ],
  records: [
    ({ year, r }: Vars): RecordDraft => ({
      item: '惠企政策',
      title: `晋江市${year}年促进民营经济高质量发展若干措施`,
      genre: '行政规范性文件',
      issued: true,
      body: [
        `对当年新增规模以上工业企业给予一次性奖励${int(r, 10, 30)}万元；对企业技术改造按设备投资额给予补助。`,
      ],
      subject: '工业、交通\\轻工纺织',
    }),
    ({ year, r }: Vars): RecordDraft => ({
      item: '惠企政策',
      title: `晋江市工业和信息化局关于${year}年度技术改造专项资金申报的通知`,
      genre: '通知',
      body: [`申报截止时间为${year}年${int(r, 4, 9)}月30日，申报材料通过“晋江市惠企政策兑现平台”提交。`],
      subject: '工业、交通\\其他',
    }),
  ],
};

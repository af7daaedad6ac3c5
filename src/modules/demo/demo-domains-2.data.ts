import { previous, int, money, type DomainPlan } from './demo-content.data.js';

/** The demo's pilot domains, second half: per domain the agency, its 文号 code, its 主题分类 and templates. */
export const domainPlans2: DomainPlan[] = [
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

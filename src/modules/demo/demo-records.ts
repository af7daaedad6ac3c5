// A small archive of 主动公开 records for the demo portal, so search, the 专栏 and the feeds show
// something on first start. None is a 规章 or 规范性文件 of 2019–2020: those years' section 二
// figures belong to the annual-report demo.
const line = (o: Record<string, string>) => JSON.stringify(o);

export const demoArchive: Record<string, string> = {
  晋江市人民政府: [
    line({
      title: '晋江市人民政府关于2026年为民办实事项目的通知',
      docNumber: '晋政文〔2026〕3号',
      writtenAt: '2026-01-06',
      publishedAt: '2026-01-08 10:00',
      subject: '综合政务\\其他',
      genre: '通知',
      keywords: '为民办实事',
      body: '<p>各镇人民政府、街道办事处，市直各单位：</p><p>2026年市政府确定为民办实事项目15项，涉及教育、医疗、养老、交通和城市更新。各责任单位要细化方案，按季度报送进展。</p>',
    }),
    line({
      title: '晋江市2025年政府信息公开工作年度报告',
      writtenAt: '2026-01-20',
      publishedAt: '2026-01-22 09:00',
      subject: '综合政务\\政务公开',
      genre: '报告',
      body: '<p>2025年，全市坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。全年共收到政府信息公开申请，均在法定期限内答复。</p>',
    }),
    line({
      title: '晋江市政府信息公开保密审查制度',
      writtenAt: '2025-06-01',
      publishedAt: '2025-06-03 10:00',
      subject: '综合政务\\政务公开',
      genre: '政府信息公开制度',
      body: '<p>第一条 为规范政府信息公开保密审查工作，根据《中华人民共和国政府信息公开条例》，制定本制度。</p><p>第二条 拟公开的政府信息，应当依照法律、法规和国家有关规定进行保密审查。</p>',
    }),
    line({
      title: '晋江市2026年重大建设项目计划',
      docNumber: '晋政文〔2026〕9号',
      writtenAt: '2026-02-10',
      publishedAt: '2026-02-12 15:00',
      subject: '国民经济管理、国有资产监管\\重大建设项目',
      genre: '计划',
      body: '<p>2026年安排重大建设项目286个，年度计划投资860亿元，其中产业项目142个、基础设施项目61个、社会民生项目83个。</p>',
    }),
  ].join('\n'),
  晋江市民政局: [
    line({
      title: '晋江市2026年城乡低保标准调整的公告',
      writtenAt: '2026-03-20',
      publishedAt: '2026-03-25 17:00',
      subject: '民政、扶贫、救灾\\社会福利',
      genre: '公告',
      keywords: '低保 社会救助',
      body: '<p>自2026年4月1日起，城乡低保标准统一提高到每人每月860元，特困人员基本生活标准同步调整。</p>',
    }),
  ].join('\n'),
  晋江市教育局: [
    line({
      title: '晋江市2026年义务教育招生工作方案',
      writtenAt: '2026-04-01',
      publishedAt: '2026-04-03 10:00',
      subject: '科技、教育\\教育',
      genre: '方案',
      body: '<p>坚持免试就近入学，公办民办学校同步招生。小学一年级新生网上报名时间为7月1日至7月10日。</p>',
    }),
  ].join('\n'),
};

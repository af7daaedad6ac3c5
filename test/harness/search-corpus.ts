import type { SearchDocument } from '../../src/modules/search/index.js';

// Synthetic Chinese records for the search bench and the search tests: a seeded generator, so
// every run (and both engines) index the same text.

const places = [
  '晋江市',
  '磁灶镇',
  '安海镇',
  '陈埭镇',
  '青阳街道',
  '梅岭街道',
  '西园街道',
  '池店镇',
  '内坑镇',
  '英林镇',
  '深沪镇',
  '金井镇',
];
const bodies = [
  '市人民政府',
  '市发展和改革局',
  '市教育局',
  '市民政局',
  '市财政局',
  '市人力资源和社会保障局',
  '市自然资源局',
  '市生态环境局',
  '市住房和城乡建设局',
  '市交通运输局',
  '市农业农村局',
  '市卫生健康局',
  '市应急管理局',
  '市市场监督管理局',
];
const topics = [
  ['行政规范性文件管理办法', '规范性文件', '合法性审核'],
  ['行政许可事项清单', '行政许可', '审批服务'],
  ['城乡低保标准调整', '低保', '社会救助'],
  ['重大建设项目计划', '重大建设项目', '投资'],
  ['义务教育招生工作方案', '义务教育', '招生'],
  ['安全生产专项整治行动', '安全生产', '隐患排查'],
  ['农村危房改造补助', '危房改造', '补助资金'],
  ['财政预算执行情况', '财政预决算', '三公经费'],
  ['公共资源交易管理', '公共资源交易', '招标投标'],
  ['生态环境保护督察整改', '生态环境', '整改'],
  ['医疗保障待遇调整', '医疗保障', '报销比例'],
  ['养老服务体系建设', '养老服务', '居家养老'],
  ['政务公开工作要点', '政务公开', '政府信息公开'],
  ['食品安全抽检结果', '食品安全', '抽检'],
  ['征地补偿安置方案', '征地补偿', '安置'],
  ['就业创业扶持政策', '就业', '创业补贴'],
  ['河长制工作', '河长制', '水环境'],
  ['个人所得税汇算清缴', '税收', '纳税人'],
  ['城市综合执法', '综合执法', '占道经营'],
  ['退役军人优待', '退役军人', '优抚'],
];
const kinds = ['通知', '公告', '意见', '方案', '报告', '公示', '批复', '决定', '办法', '通报'];
const sentences = [
  (p: string, t: string[], y: number) =>
    `为进一步做好${t[1]}工作，根据有关法律法规和上级文件精神，结合${p}实际，制定本${kinds[y % kinds.length]}。`,
  (p: string, t: string[]) =>
    `各镇人民政府、街道办事处，市直各单位：现将《${p}${t[0]}》印发给你们，请认真贯彻执行。`,
  (_p: string, t: string[], y: number) =>
    `${y}年全市共完成${t[2]}${((y * 7) % 300) + 12}项，同比增长${(y % 17) + 3}%。`,
  (p: string, t: string[]) => `${p}将${t[1]}纳入年度绩效考评，定期通报工作进展，对工作不力的单位进行约谈。`,
  (_p: string, t: string[]) => `各单位要高度重视${t[2]}，明确分管领导和具体经办人员，确保各项措施落到实处。`,
  () => '本文件自印发之日起施行，有效期五年。此前有关规定与本文件不一致的，以本文件为准。',
  (p: string) => `联系人：${p}政务服务中心，联系电话：0595-8568${Math.abs(p.length * 137) % 10000}。`,
  (_p: string, t: string[], y: number) =>
    `对符合条件的申请人，经审核后于${(y % 12) + 1}月底前发放${t[2]}，逾期不予受理。`,
  (_p: string, t: string[]) => `附件：1.${t[0]}明细表 2.${t[1]}工作责任分解表`,
  () => '请各地各部门依照条例规定主动公开相关政府信息，并在政府网站政府信息公开专栏及时更新。',
];

/** The i-th record of a corpus, the same for the same seed. */
export function generator(seed: number) {
  let s = seed >>> 0;
  const rnd = (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
  return (i: number): SearchDocument => {
    const place = places[rnd(places.length)]!;
    const office = bodies[rnd(bodies.length)]!;
    const topic = topics[rnd(topics.length)]!;
    const year = 2015 + rnd(11);
    const kind = kinds[rnd(kinds.length)]!;
    const body = Array.from({ length: 5 + rnd(5) }, () =>
      sentences[rnd(sentences.length)]!(place, topic, year),
    ).join('');
    const hasNumber = rnd(3) === 0;
    return {
      recordId: `r${String(i).padStart(8, '0')}`,
      agencyId: 'bench',
      title: `${place}${office}关于${rnd(2) ? '印发' : '做好'}${year}年${topic[0]}的${kind}`,
      body,
      docNumber: hasNumber
        ? `晋${['政文', '政办', '教', '民', '财'][rnd(5)]}〔${year}〕${1 + rnd(400)}号`
        : null,
      indexNumber: `11350582003500011X/${year}-${String(i % 100000).padStart(5, '0')}`,
      subjectCategory: '综合政务\\政务公开',
      validity: rnd(10) === 0 ? 'repealed' : 'inForce',
      publishedAt: `${year}-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}T0${rnd(9)}:00:00.000Z`,
      year,
    };
  };
}

/** The bench's query set: common words, one and two characters, a 文号, a phrase, nothing. */
export const queries = [
  '规范性文件',
  '行政许可',
  '晋政文〔2020〕12号',
  '税',
  '低保',
  '政务公开',
  '重大建设项目',
  '关于印发',
  '义务教育招生',
  '安全生产 隐患排查',
  '磁灶镇',
  '居家养老',
  '占道经营',
  '有效期五年',
  '联合国',
];

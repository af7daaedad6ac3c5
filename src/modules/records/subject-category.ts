/**
 * The gov.cn 主题分类 tree (legal.md §7.1): 22 first-level classes and their second level.
 * Written `一级\二级` on records, as gov.cn shows it; a first-level class alone is allowed.
 */
export const subjectCategoryTree: ReadonlyArray<{ name: string; children: readonly string[] }> = [
  {
    name: '国务院组织机构',
    children: [
      '国务院',
      '国务院办公厅',
      '国务院组成部门',
      '国务院直属特设机构',
      '国务院直属机构',
      '国务院办事机构',
      '国务院直属事业单位',
      '国务院部委管理的国家局',
      '国务院议事协调机构',
      '其他',
    ],
  },
  {
    name: '综合政务',
    children: [
      '政务公开',
      '政务督查',
      '应急管理',
      '电子政务',
      '文秘工作',
      '保密工作',
      '信访',
      '参事、文史',
      '其他',
    ],
  },
  {
    name: '国民经济管理、国有资产监管',
    children: ['宏观经济', '经济体制改革', '统计', '物价', '国有资产监管', '重大建设项目', '其他'],
  },
  {
    name: '财政、金融、审计',
    children: ['财政', '税务', '银行', '货币（含外汇）', '证券', '保险', '社会信用体系建设', '审计', '其他'],
  },
  {
    name: '国土资源、能源',
    children: ['土地', '矿产', '水资源', '海洋', '煤炭', '石油与天然气', '电力', '其他'],
  },
  { name: '农业、林业、水利', children: ['农业、畜牧业、渔业', '林业', '水利', '其他'] },
  {
    name: '工业、交通',
    children: [
      '机械制造与重工业',
      '轻工纺织',
      '化工',
      '国防工业',
      '航天、航空',
      '信息产业（含电信）',
      '公路',
      '水运',
      '铁路',
      '民航',
      '邮政',
      '其他',
    ],
  },
  {
    name: '商贸、海关、旅游',
    children: ['对外经贸合作', '国内贸易（含供销）', '海关', '检验、检疫', '旅游', '其他'],
  },
  {
    name: '市场监管、安全生产监管',
    children: ['工商', '质量监督', '标准', '食品药品监管', '安全生产监管', '其他'],
  },
  {
    name: '城乡建设、环境保护',
    children: [
      '城市规划',
      '城乡建设（含住房）',
      '环境监测、保护与治理',
      '节能与资源综合利用',
      '气象、水文、测绘、地震',
      '其他',
    ],
  },
  { name: '科技、教育', children: ['科技', '教育', '知识产权', '其他'] },
  { name: '文化、广电、新闻出版', children: ['文化', '文物', '新闻出版', '广播、电影、电视', '其他'] },
  { name: '卫生、体育', children: ['卫生', '医药管理', '体育', '其他'] },
  { name: '人口与计划生育、妇女儿童工作', children: ['人口与计划生育', '妇女儿童', '其他'] },
  {
    name: '劳动、人事、监察',
    children: ['劳动就业', '社会保障', '人事工作', '军转安置', '监察', '纠正行业不正之风', '其他'],
  },
  { name: '公安、安全、司法', children: ['公安', '国家安全', '司法', '其他'] },
  {
    name: '民政、扶贫、救灾',
    children: ['减灾救灾', '优抚安置', '社会福利', '行政区划与地名', '社团管理', '扶贫', '其他'],
  },
  { name: '民族、宗教', children: ['民族事务', '宗教事务'] },
  { name: '对外事务', children: ['外交、外事', '国际条约、国际组织', '其他'] },
  { name: '港澳台侨工作', children: ['港澳工作', '对台工作', '侨务工作'] },
  { name: '国防', children: ['国防建设', '国防动员'] },
  { name: '其他', children: [] },
];

const known = new Set(
  subjectCategoryTree.flatMap((c) => [c.name, ...c.children.map((s) => `${c.name}\\${s}`)]),
);

/** null when `value` is a class of the tree, else a message that says how to write one. */
export function subjectCategoryProblem(value: string): string | null {
  if (known.has(value)) return null;
  const first = subjectCategoryTree.find((c) => c.name === value.split(/[\\/／＼]/)[0]);
  if (first)
    return `主题分类“${value}”不在“${first.name}”之下；可选：${first.children.map((s) => `${first.name}\\${s}`).join('、')}`;
  return `主题分类“${value}”不是国务院公文主题分类中的类目，应写作“一级类目\\二级类目”，如“综合政务\\政务公开”`;
}

/**
 * 查阅点、公开栏 and the other places where people read government information and apply for it
 * (issue 16 §1; 条例第二十五条, services.md §6). Code lists and their Chinese labels; pure.
 */

export const placeKinds = [
  'readingRoom',
  'disclosureZone',
  'noticeBoard',
  'serviceStation',
  'serviceCenter',
] as const;
export type PlaceKind = (typeof placeKinds)[number];

export const placeKindLabels: Record<PlaceKind, string> = {
  readingRoom: '政务公开查阅点',
  disclosureZone: '政务公开专区',
  noticeBoard: '公开栏',
  serviceStation: '便民服务站',
  serviceCenter: '综合便民服务中心',
};

export const placeServices = ['query', 'apply', 'consult', 'reading', 'terminal', 'copy', 'wifi'] as const;
export type PlaceService = (typeof placeServices)[number];

export const placeServiceLabels: Record<PlaceService, string> = {
  query: '政府信息查询',
  apply: '受理信息公开申请',
  consult: '办事咨询和政策解答',
  reading: '纸质资料阅览',
  terminal: '自助查询终端',
  copy: '复印打印',
  wifi: '无线网络',
};

export const placeAccessibility = [
  'stepFree',
  'lowCounter',
  'readingAids',
  'seating',
  'signLanguage',
] as const;
export type PlaceAccessibility = (typeof placeAccessibility)[number];

export const placeAccessibilityLabels: Record<PlaceAccessibility, string> = {
  stepFree: '无障碍通道',
  lowCounter: '低位服务台',
  readingAids: '老花镜和放大镜',
  seating: '休息座椅',
  signLanguage: '手语服务（预约）',
};

/** How the point was entered: recorded so a doubtful point can be re-surveyed. */
export const coordSources = ['map', 'address', 'import', 'survey'] as const;
export type CoordSource = (typeof coordSources)[number];
export const coordSourceLabels: Record<CoordSource, string> = {
  map: '在地图上点选',
  address: '按地址查找',
  import: '表格导入',
  survey: '现场定位（GPS）',
};

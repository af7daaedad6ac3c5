import type { Ctx } from '../../platform/context.js';
import type { Agency } from '../agencies/index.js';
import { createPlace } from '../places/index.js';

// 晋江's 查阅点, 公开栏 and service centres for the demo map (issue 16 §8): the city's reading
// rooms (档案馆, 图书馆), the 政务公开专区 of its 行政服务中心, a 便民服务中心 in every town and
// street, and the 公开栏 of the demo villages (大埔村's is the electronic screen of /kiosk).
// Addresses follow the towns' real road names where known; coordinates are WGS-84 points near
// each town's centre, illustrative, not surveyed.

const office = '周一至周五 08:00-12:00,14:30-17:30';
const centre = '周一至周五 08:00-12:00,14:30-17:30；周六 08:30-12:00';

const towns: Array<[name: string, agency: string, road: string, lat: number, lng: number]> = [
  ['青阳街道', '青阳街道办事处', '青阳街道崇德路 196 号', 24.8121, 118.5793],
  ['梅岭街道', '梅岭街道办事处', '梅岭街道桂山路 88 号', 24.8002, 118.5651],
  ['西园街道', '西园街道办事处', '西园街道西园路 36 号', 24.8183, 118.5602],
  ['罗山街道', '罗山街道办事处', '罗山街道福埔路 120 号', 24.7763, 118.5884],
  ['灵源街道', '灵源街道办事处', '灵源街道灵源路 66 号', 24.7861, 118.6117],
  ['新塘街道', '新塘街道办事处', '新塘街道湖光路 18 号', 24.7731, 118.6012],
  ['安海镇', '安海镇人民政府', '安海镇成功街 2 号', 24.7132, 118.4662],
  ['磁灶镇', '磁灶镇人民政府', '磁灶镇镇区中心路 1 号', 24.8511, 118.5053],
  ['陈埭镇', '陈埭镇人民政府', '陈埭镇江头路 9 号', 24.8052, 118.6183],
  ['池店镇', '池店镇人民政府', '池店镇池店街 15 号', 24.8462, 118.5661],
  ['内坑镇', '内坑镇人民政府', '内坑镇内坑街 8 号', 24.7433, 118.4824],
  ['紫帽镇', '紫帽镇人民政府', '紫帽镇紫星路 3 号', 24.8334, 118.5292],
  ['东石镇', '东石镇人民政府', '东石镇东石街 12 号', 24.6641, 118.4813],
  ['永和镇', '永和镇人民政府', '永和镇永和街 20 号', 24.7272, 118.5562],
  ['英林镇', '英林镇人民政府', '英林镇英林街 5 号', 24.6271, 118.5484],
  ['金井镇', '金井镇人民政府', '金井镇金井街 30 号', 24.6063, 118.5982],
  ['龙湖镇', '龙湖镇人民政府', '龙湖镇龙湖街 7 号', 24.6594, 118.6043],
  ['深沪镇', '深沪镇人民政府', '深沪镇深沪街 16 号', 24.6342, 118.6641],
  ['西滨镇', '西滨镇人民政府', '西滨镇西滨街 10 号', 24.7403, 118.6372],
];

type Row = {
  agency: string;
  kind: string;
  name: string;
  electronic?: boolean;
  venue?: string;
  address: string;
  lat: number;
  lng: number;
  phone?: string;
  services: string[];
  accessibility?: string[];
  weekly: string;
  followCalendar: boolean;
  exceptions?: string;
  description?: string;
};

function dateAfter(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function loadPlaces(ctx: Ctx, made: Record<string, Agency>): Promise<void> {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const city = '晋江市人民政府';
  const rows: Row[] = [
    {
      agency: city,
      kind: 'disclosureZone',
      name: '晋江市行政服务中心政务公开专区',
      venue: '市行政服务中心',
      address: '福建省晋江市青阳街道世纪大道 1 号 市行政服务中心一楼',
      lat: 24.8068,
      lng: 118.5697,
      phone: '0595-85681234',
      services: ['query', 'apply', 'consult', 'reading', 'terminal', 'copy', 'wifi'],
      accessibility: ['stepFree', 'lowCounter', 'readingAids', 'seating'],
      weekly: centre,
      followCalendar: true,
      description: '设政府信息查询区、依申请公开受理区、资料阅览区和政策咨询区，配有自助查询机 2 台。',
    },
    {
      agency: city,
      kind: 'readingRoom',
      name: '晋江市档案馆政府信息公开查阅点',
      venue: '市档案馆',
      address: '福建省晋江市青阳街道世纪大道 3 号 市档案馆二楼阅览室',
      lat: 24.8059,
      lng: 118.5721,
      phone: '0595-85682345',
      services: ['query', 'apply', 'reading', 'copy'],
      accessibility: ['stepFree', 'readingAids'],
      weekly: office,
      followCalendar: true,
      exceptions: `${dateAfter(today, 20)} 闭馆 阅览室设备检修`,
    },
    {
      agency: city,
      kind: 'readingRoom',
      name: '晋江市图书馆政府信息公开查阅点',
      venue: '市图书馆',
      address: '福建省晋江市梅岭街道世纪大道 6 号 市图书馆一楼',
      lat: 24.8027,
      lng: 118.5662,
      phone: '0595-85683456',
      services: ['query', 'reading', 'terminal', 'wifi'],
      accessibility: ['stepFree', 'lowCounter', 'readingAids', 'seating'],
      weekly: '周二至周日 09:00-21:00',
      followCalendar: false,
      description: '图书馆周一闭馆，节假日照常开放。',
    },
  ];
  for (const [town, agency, road, lat, lng] of towns) {
    rows.push({
      agency,
      kind: 'serviceCenter',
      name: `${town}综合便民服务中心`,
      venue: `${town}便民服务中心`,
      address: `福建省晋江市${road}`,
      lat,
      lng,
      phone: `0595-8${String(5600000 + (Math.round(lat * 1000) % 100000)).slice(0, 7)}`,
      services: ['query', 'apply', 'consult', 'terminal'],
      accessibility: ['stepFree', 'lowCounter', 'seating'],
      weekly: centre,
      followCalendar: true,
      description: `设政务公开专区，可查询${town}和市直部门主动公开的政府信息、提交信息公开申请。`,
    });
  }
  rows.push(
    {
      agency: '磁灶镇人民政府',
      kind: 'noticeBoard',
      name: '磁灶镇政务公开栏',
      venue: '镇政府大院门口',
      address: '福建省晋江市磁灶镇镇区中心路 1 号 镇政府大门东侧',
      lat: 24.8515,
      lng: 118.5058,
      services: ['reading'],
      weekly: '每天 全天',
      followCalendar: false,
    },
    {
      agency: '大埔村',
      kind: 'noticeBoard',
      name: '大埔村村务公开栏（信息化宣传屏）',
      electronic: true,
      venue: '大埔村村委会',
      address: '福建省晋江市磁灶镇大埔村村委会门口',
      lat: 24.8583,
      lng: 118.4967,
      services: ['reading'],
      weekly: '每天 07:00-22:00',
      followCalendar: false,
      description: '村务、财务公开和镇里的最新通知在屏上轮播，与门户网站同步更新。',
    },
    {
      agency: '大埔村',
      kind: 'serviceStation',
      name: '大埔村便民服务站',
      venue: '大埔村村委会',
      address: '福建省晋江市磁灶镇大埔村村委会一楼',
      lat: 24.8581,
      lng: 118.4971,
      phone: '0595-85790011',
      services: ['query', 'consult'],
      accessibility: ['stepFree', 'readingAids', 'seating'],
      weekly: office,
      followCalendar: true,
    },
    {
      agency: '岭畔村',
      kind: 'noticeBoard',
      name: '岭畔村村务公开栏',
      venue: '岭畔村村委会',
      address: '福建省晋江市磁灶镇岭畔村村委会门口',
      lat: 24.8452,
      lng: 118.4901,
      services: ['reading'],
      weekly: '每天 全天',
      followCalendar: false,
    },
    {
      agency: '沙塘社区',
      kind: 'noticeBoard',
      name: '沙塘社区居务公开栏',
      venue: '沙塘社区居委会',
      address: '福建省晋江市新塘街道沙塘社区居委会门口',
      lat: 24.7702,
      lng: 118.5973,
      services: ['reading'],
      weekly: '每天 全天',
      followCalendar: false,
    },
    {
      agency: '湖光社区',
      kind: 'noticeBoard',
      name: '湖光社区居务公开栏',
      venue: '湖光社区居委会',
      address: '福建省晋江市新塘街道湖光社区居委会门口',
      lat: 24.7758,
      lng: 118.6051,
      services: ['reading'],
      weekly: '每天 全天',
      followCalendar: false,
    },
  );
  for (const r of rows) {
    const agency = made[r.agency];
    if (!agency) throw new Error(`演示数据缺少机构：${r.agency}`);
    await createPlace(ctx, agency.id, {
      ...r,
      electronic: r.electronic ? 'true' : '',
      followCalendar: r.followCalendar ? 'true' : '',
      coordSystem: 'wgs84',
      coordSource: 'map',
      services: r.services,
      accessibility: r.accessibility ?? [],
      exceptions: r.exceptions ?? '',
    });
  }
}

import type { Role } from '../../platform/access.js';
import type { Ctx } from '../../platform/context.js';
import { accounts } from '../accounts/index.js';
import { catalogs } from '../catalog/index.js';
import { importRecords } from '../records/index.js';
import { demoArchive } from './demo-records.js';
import { load2020, publish2020Report } from './demo-2020.js';
import { loadContent } from './demo-content.js';
import { loadInspection } from './demo-sites.js';
import { loadHotline } from './demo-hotline.js';
import { loadKiosk } from './demo-kiosk.js';
import { loadMessages } from './demo-messages.js';
import { loadPush } from './demo-push.js';
import { loadMedia } from './demo-media.js';
import { loadPlaces } from './demo-places.js';
import { loadWebsiteReports } from './demo-website-report.js';
import {
  agencies,
  composeCreditCode,
  type Agency,
  type AgencyKind,
  type AgencyLevel,
} from '../agencies/index.js';

/**
 * The demo dataset mirrors the seed report (晋江市人民政府 2020): the city government, its usual
 * departments (市工信局 and 市公安局 among them), its 6 streets and 13 towns (新塘街道 and 磁灶镇
 * among them) and a few villages and communities, with one demo account per role. Village
 * names and credit codes are illustrative, not the real registrations.
 */

export const DEMO_PASSWORD = 'Gongkai@2020';

export const demoUsers: Array<{
  username: string;
  displayName: string;
  agency: string;
  role: Role;
  what: string;
}> = [
  {
    username: 'admin',
    displayName: '系统管理员',
    agency: '晋江市人民政府',
    role: 'admin',
    what: '系统管理员（晋江市人民政府及全部下级机构）',
  },
  {
    username: 'head',
    displayName: '王主任',
    agency: '晋江市人民政府',
    role: 'officeHead',
    what: '公开办负责人（晋江市政务公开中心）',
  },
  {
    username: 'clerk',
    displayName: '李经办',
    agency: '磁灶镇人民政府',
    role: 'clerk',
    what: '经办人（磁灶镇）',
  },
  {
    username: 'gaclerk',
    displayName: '陈经办',
    agency: '晋江市公安局',
    role: 'clerk',
    what: '经办人（市公安局）',
  },
  {
    username: 'reviewer',
    displayName: '林审核',
    agency: '晋江市人民政府',
    role: 'reviewer',
    what: '审核人（保密审查）',
  },
  {
    username: 'supervisor',
    displayName: '张监督',
    agency: '晋江市人民政府',
    role: 'supervisor',
    what: '监督员（只读，全市）',
  },
];

const departments: Array<[string, string]> = [
  ['晋江市人民政府办公室', '市政府办'],
  ['晋江市发展和改革局', '市发改局'],
  ['晋江市教育局', '市教育局'],
  ['晋江市工业和信息化局', '市工信局'],
  ['晋江市公安局', '市公安局'],
  ['晋江市民政局', '市民政局'],
  ['晋江市司法局', '市司法局'],
  ['晋江市财政局', '市财政局'],
  ['晋江市人力资源和社会保障局', '市人社局'],
  ['晋江市自然资源局', '市自然资源局'],
  ['晋江市住房和城乡建设局', '市住建局'],
  ['晋江市交通运输局', '市交通运输局'],
  ['晋江市农业农村局', '市农业农村局'],
  ['晋江市卫生健康局', '市卫健局'],
  ['晋江市应急管理局', '市应急局'],
  ['晋江市市场监督管理局', '市市场监管局'],
  ['晋江市城市管理局', '市城管局'],
  ['泉州市晋江生态环境局', '晋江生态环境局'],
];

/** Departments added after the first release of the demo (created last, so the others keep their codes). */
const laterDepartments: Array<[string, string]> = [
  ['晋江市文化体育和旅游局', '市文体旅局'],
  ['国家税务总局晋江市税务局', '市税务局'],
];

/** 磁灶镇's contact details for its 指南 (illustrative, not the town's registered ones). */
const cizaoContact = {
  address: '福建省晋江市磁灶镇镇区中心路 1 号',
  postcode: '362200',
  phone: '0595-85788001',
  fax: '0595-85788002',
  officeHours: '工作日上午 8:00–12:00，下午 15:00–18:00（法定节假日除外）',
  email: 'czz@jinjiang.example.gov.cn',
};

const streets = ['青阳街道', '梅岭街道', '西园街道', '罗山街道', '灵源街道', '新塘街道'];
const towns = [
  '安海镇',
  '磁灶镇',
  '陈埭镇',
  '池店镇',
  '内坑镇',
  '紫帽镇',
  '东石镇',
  '永和镇',
  '英林镇',
  '金井镇',
  '龙湖镇',
  '深沪镇',
  '西滨镇',
];
const villages: Record<string, string[]> = {
  新塘街道: ['沙塘社区', '湖光社区'],
  磁灶镇: ['大埔村', '岭畔村'],
};

export async function isLoaded(ctx: Ctx): Promise<boolean> {
  return (await agencies.root(ctx))?.name === '晋江市人民政府';
}

/** Loads the demo once; a second call changes nothing. Runs as a named system actor. */
export async function load(
  ctx: Ctx,
  opts: {
    /** The city's 2020 operations (231 applications, 12 appeals, 213 documents): seconds. */
    operations2020?: boolean;
    /**
     * Everything a visitor expects to find (demo-content.ts): all 26 pilot domains and a local one,
     * the records under their items, 磁灶镇's, and the 2020 report published. Tests that count
     * what they add themselves leave it out.
     */
    content?: boolean;
    /**
     * The address the platform is served at (`http://localhost:3000`): with the content, the site
     * inspector's list gets the portal and two departments' demo sites under it (demo-sites.ts).
     */
    siteBase?: string;
  } = {},
): Promise<{ loaded: boolean; agencies: number; users: number }> {
  if (await isLoaded(ctx)) return { loaded: false, agencies: 0, users: 0 };
  let serial = 1;
  const code = () => composeCreditCode('11', '350582', `0035${String(serial++).padStart(4, '0')}`);
  const add = (
    parent: Agency | null,
    name: string,
    shortName: string | null,
    level: AgencyLevel,
    kind: AgencyKind,
    extra: Record<string, string | number> = {},
  ) =>
    agencies.create(ctx, {
      parentId: parent?.id,
      name,
      shortName,
      level,
      kind,
      creditCode: code(),
      regionCode: '350582',
      sortOrder: serial,
      ...extra,
    });

  const made: Record<string, Agency> = {};
  const root = await add(null, '晋江市人民政府', '晋江市政府', 'county', 'peoplesGovernment', {
    address: '福建省晋江市世纪大道南 1 号',
    postcode: '362200',
    phone: '0595-85662126',
    officeHours: '工作日上午 8:00–12:00，下午 15:00–18:00（法定节假日除外）',
    email: 'gkzx@jinjiang.example.gov.cn',
    website: 'http://www.jinjiang.gov.cn/',
  });
  made[root.name] = root;
  for (const [name, short] of departments)
    made[name] = await add(root, name, short, 'county', 'governmentDepartment', {
      address: '福建省晋江市',
      postcode: '362200',
    });
  for (const name of [...streets, ...towns]) {
    const full = name.endsWith('街道') ? `${name}办事处` : `${name}人民政府`;
    made[name] = await add(
      root,
      full,
      name,
      'township',
      'townshipStreet',
      name === '磁灶镇' ? cizaoContact : { postcode: '362200' },
    );
    made[full] = made[name];
  }
  for (const [township, list] of Object.entries(villages)) {
    for (const v of list)
      made[v] = await add(
        made[township]!,
        `${township}${v}${v.endsWith('村') ? '民委员会' : '居民委员会'}`,
        v,
        'village',
        'villageCommunity',
      );
  }
  // Listed with the other departments, before the streets and towns.
  for (const [name, short] of laterDepartments)
    made[name] = await add(root, name, short, 'county', 'governmentDepartment', {
      address: '福建省晋江市',
      postcode: '362200',
      sortOrder: departments.length + 1,
    });
  for (const u of demoUsers) {
    const agency = made[u.agency];
    if (!agency) throw new Error(`demo: unknown agency ${u.agency}`);
    // Known demo passwords, documented in the README: not temporary, or every demo login would stop at a password form.
    await accounts.create(
      ctx,
      {
        agencyId: agency.id,
        username: u.username,
        displayName: u.displayName,
        password: DEMO_PASSWORD,
        role: u.role,
      },
      { temporaryPassword: false },
    );
  }
  // 标准目录: the city adopts three pilot domains; 磁灶镇 derives its own from their 乡级 items,
  // and 大埔村 keeps its 村务公开 list.
  for (const code of ['majorProjects', 'publicResourceTrading', 'budgetFinalAccounts']) {
    const c = await catalogs.adoptTemplate(ctx, root.id, code);
    await catalogs.deriveTownship(ctx, made['磁灶镇']!.id, c.id);
  }
  await catalogs.adoptTemplate(ctx, made['大埔村']!.id, 'village');
  for (const [agencyName, jsonl] of Object.entries(demoArchive)) await importRecords(ctx, agencyName, jsonl);
  if (opts.content !== false) {
    await loadContent(ctx, made);
    await loadHotline(ctx, made);
    await loadMessages(ctx, made);
    await loadPush(ctx, made);
    await loadMedia(ctx);
    await loadKiosk(ctx, made);
    await loadPlaces(ctx, made);
    await loadWebsiteReports(ctx);
    if (opts.siteBase) await loadInspection(ctx, opts.siteBase.replace(/\/+$/, ''));
  }
  // The city's 2020 operations, from which its 2020 annual report is built (the seed's tables),
  // and with the content, the report signed off as the seed published it.
  if (opts.operations2020 !== false) {
    await load2020(ctx, root);
    if (opts.content !== false) await publish2020Report(ctx, root);
  }
  return {
    loaded: true,
    agencies: Object.keys(made).length - streets.length - towns.length,
    users: demoUsers.length,
  };
}

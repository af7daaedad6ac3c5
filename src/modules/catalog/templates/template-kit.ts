import type { Audience, Channel, ItemColumns, ItemType, Method, Process, Tier } from '../catalog.js';

/**
 * What a starter tree is made of, and the wording the trees share. One file per domain in this
 * folder holds its tree (legal.md §5.2); index.ts lists them in the order of §5.2. The trees
 * import their types from here and from ../catalog.ts, which imports none of them.
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

export const T20 = '信息形成（或者变更）之日起20个工作日内';
export const PROMPT = '及时公开';
export const PENALTY = '行政处罚决定作出之日起7个工作日内';

export const WEB: Channel[] = ['政府网站'];
export const WEB_MEDIA: Channel[] = ['政府网站', '两微一端'];
export const WEB_DESK: Channel[] = ['政府网站', '公开查阅点', '政务服务中心'];
export const SERVICE: Channel[] = ['政府网站', '政务服务中心', '便民服务站'];
export const NOTICE: Channel[] = ['政府网站', '社区/企事业单位/村公示栏（电子屏）'];
export const VILLAGE: Channel[] = ['社区/企事业单位/村公示栏（电子屏）', '入户/现场'];

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

export function item(
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

export function group(name: string, children: TemplateNode[]): TemplateNode {
  return { name, children };
}

export const OGI = '《中华人民共和国政府信息公开条例》';

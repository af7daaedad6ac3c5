import { systemActor } from '../../platform/access.js';
import { beijingDate, FixedClock } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import type { Agency } from '../agencies/index.js';
import { nextDate } from '../calendar/index.js';
import { messages, ratings, type StepAction } from '../messages/index.js';

// 晋江's 市长信箱 and 网上信访 with letters in every state, dated back from the day the demo is
// loaded so their clocks read as a clerk would find them: waiting to be dispatched, in hand, due
// soon, overdue, returned, merged, turned into an application, answered and published, a 复查
// under way, and 差评 — one fixed and published, one being fixed. Made through the services, as
// the people would make them (the system actor stands in for each of them).

type Step = [daysAfterReceipt: number, action: StepAction, input: Record<string, unknown>];
interface DemoLetter {
  ago: number;
  channel: 'leaderMailbox' | 'onlinePetition';
  to: string;
  ticketType: string;
  writerName: string;
  subject: string;
  content: string;
  consent?: boolean;
  steps?: Step[];
  rate?: [
    daysAfterReceipt: number,
    grade: string,
    loop?: Array<[days: number, op: 'visit' | 'resolve', input: Record<string, unknown>]>,
  ];
  publishAfter?: number;
  /** Turned into a 依申请公开 application this many days after receipt, with these applicant details. */
  convert?: [daysAfterReceipt: number, fields: Record<string, string>];
}

const city = '晋江市人民政府';
const letters: DemoLetter[] = [
  {
    ago: 40,
    channel: 'leaderMailbox',
    to: city,
    ticketType: 'complaint',
    writerName: '李明华',
    subject: '大埔村路灯损坏两个月无人修',
    content:
      '市长您好！磁灶镇大埔村村口至大埔小学一段的路灯坏了两个多月，晚上学生放学很危险，向村里反映过几次都没有修。请帮忙督促尽快修复。联系电话 13905951234。',
    consent: true,
    steps: [
      [1, 'dispatch', { agencyId: '磁灶镇人民政府', kind: 'transfer' }],
      [
        5,
        'replied',
        {
          text: '您好！经核查，大埔村该路段路灯线路老化，镇政府已安排施工队维修，预计一周内修复。感谢您对我镇工作的关心。',
        },
      ],
    ],
    rate: [
      6,
      'dissatisfied',
      [
        [8, 'visit', { note: '电话回访，来信人反映答复后仍有两盏未修好' }],
        [12, 'resolve', { action: 'fix', note: '已更换全部 12 盏路灯并加装定时开关，来信人现场确认' }],
      ],
    ],
    publishAfter: 13,
  },
  {
    ago: 30,
    channel: 'leaderMailbox',
    to: city,
    ticketType: 'praise',
    writerName: '蔡丽娟',
    subject: '表扬市民服务中心社保窗口',
    content: '上周在市民服务中心办理社保转移，窗口工作人员耐心细致，一次就办好了，特此表扬。',
    consent: true,
    steps: [
      [1, 'dispatch', { agencyId: '晋江市人力资源和社会保障局', kind: 'transfer' }],
      [3, 'replied', { text: '感谢您的肯定！我们将继续改进服务，让群众办事更方便。' }],
    ],
    rate: [4, 'verySatisfied'],
    publishAfter: 5,
  },
  {
    ago: 25,
    channel: 'leaderMailbox',
    to: city,
    ticketType: 'help',
    writerName: '吴建国',
    subject: '青阳街道某小区停水三天',
    content: '青阳街道某小区从周一开始停水，已经三天了，物业说是市政管网问题，老人小孩生活很不方便。',
    steps: [
      [1, 'dispatch', { agencyId: '青阳街道办事处', kind: 'transfer' }],
      [
        4,
        'replied',
        {
          text: '您好！经联系供水公司，该小区停水系管网检修所致，已于本周四恢复供水。给您带来不便，敬请谅解。',
        },
      ],
    ],
    rate: [
      6,
      'veryDissatisfied',
      [[9, 'visit', { note: '上门回访，来信人对停水期间未提前通知不满，街道已约谈物业' }]],
    ],
  },
  {
    // Overdue for the 信箱's own deadline, but short of the three months after which the site
    // inspector counts the portal's 互动回应差 (国办秘函〔2019〕19号): the demo portal passes.
    ago: 75,
    channel: 'leaderMailbox',
    to: city,
    ticketType: 'complaint',
    writerName: '庄伟明',
    subject: '紫帽镇某养殖场异味扰民',
    content: '紫帽镇某村附近养殖场异味很大，夏天无法开窗，多次向村里反映无果。',
    steps: [[2, 'dispatch', { agencyId: '泉州市晋江生态环境局', kind: 'transfer' }]],
  },
  {
    ago: 18,
    channel: 'leaderMailbox',
    to: city,
    ticketType: 'complaint',
    writerName: '黄志强',
    subject: '陈埭镇某工地夜间施工噪音扰民',
    content: '陈埭镇某在建工地每天晚上十一点以后还在施工，噪音很大，严重影响附近居民休息。',
    steps: [[1, 'dispatch', { agencyId: '陈埭镇人民政府', kind: 'transfer' }]],
  },
  {
    ago: 6,
    channel: 'leaderMailbox',
    to: city,
    ticketType: 'suggestion',
    writerName: '许婷婷',
    subject: '建议在晋江一中门口增设人行横道',
    content: '晋江一中门口上下学时段车流量大，学生过马路很危险，建议增设人行横道和信号灯。',
    steps: [[1, 'dispatch', { agencyId: '晋江市公安局', kind: 'transfer', assistAgencyIds: '晋江市教育局' }]],
  },
  {
    ago: 5,
    channel: 'leaderMailbox',
    to: city,
    ticketType: 'suggestion',
    writerName: '郑海燕',
    subject: '晋江一中门口需要人行横道',
    content: '晋江一中门口没有人行横道，孩子们过马路太危险了，请有关部门尽快设置。',
    steps: [[1, 'merged', { intoNumber: '#6' }]],
  },
  {
    ago: 4,
    channel: 'leaderMailbox',
    to: city,
    ticketType: 'help',
    writerName: '陈国栋',
    subject: '安海镇农贸市场排水沟堵塞',
    content: '安海镇农贸市场边的排水沟堵塞，下雨就积水发臭，希望尽快清理。',
    steps: [
      [1, 'dispatch', { agencyId: '晋江市公安局', kind: 'transfer' }],
      [2, 'returned', { reason: '排水沟清理属于镇政府和城管部门职责，不属于公安局职责' }],
    ],
  },
  {
    ago: 3,
    channel: 'leaderMailbox',
    to: city,
    ticketType: 'consultation',
    writerName: '林晓东',
    subject: '申请公开磁灶镇道路改造工程批复',
    content: '请公开 2020 年磁灶镇张林村道路改造工程的立项批复文件和预算，谢谢。',
    steps: [[1, 'dispatch', { agencyId: '磁灶镇人民政府', kind: 'transfer' }]],
    convert: [
      2,
      {
        applicantType: 'naturalPerson',
        applicantName: '林晓东',
        idType: 'residentIdCard',
        idNumber: '11010519491231002X',
        phone: '13905953300',
        description: '2020 年磁灶镇张林村道路改造工程的立项批复文件和预算',
        deliveryFormat: 'electronic',
        deliveryMethod: 'online',
      },
    ],
  },
  {
    ago: 9,
    channel: 'leaderMailbox',
    to: city,
    ticketType: 'help',
    writerName: '洪美玲',
    subject: '孩子入学材料咨询（已自行解决）',
    content: '想咨询外来务工人员子女入学需要提交哪些材料。',
    steps: [[1, 'withdrawn', { reason: '来信人来电告知已在学校咨询清楚，口头撤回' }]],
  },
  {
    ago: 0,
    channel: 'leaderMailbox',
    to: city,
    ticketType: 'consultation',
    writerName: '王秀英',
    subject: '咨询老年人优待证办理',
    content: '我今年满 65 岁，想咨询老年人优待证在哪里办理，需要带什么材料？',
  },
  {
    ago: 50,
    channel: 'onlinePetition',
    to: city,
    ticketType: 'help',
    writerName: '蔡文彬',
    subject: '请求解决安置房产权证办理问题',
    content: '本人于 2016 年入住新塘街道某安置小区，至今未能办理不动产权证，多次反映未果，请求协调解决。',
    steps: [
      [3, 'dispatch', { agencyId: '新塘街道办事处', kind: 'assign' }],
      [8, 'accepted', { petitionClass: 'claim' }],
      [45, 'extended', { days: 30, reason: '涉及规划、住建、不动产登记多个部门，需要联合核查' }],
    ],
  },
  {
    ago: 80,
    channel: 'onlinePetition',
    to: city,
    ticketType: 'complaint',
    writerName: '施金泉',
    subject: '对征地补偿标准有异议',
    content: '本人承包地被征收，补偿标准低于周边村，请求按同一标准补偿。',
    steps: [
      [2, 'dispatch', { agencyId: '磁灶镇人民政府', kind: 'assign' }],
      [6, 'accepted', { petitionClass: 'claim' }],
      [
        40,
        'replied',
        {
          text: '经核查，您的承包地补偿按 2019 年批复的标准执行，与周边村所执行批次不同，依据如下……',
          outcome: 'explain',
        },
      ],
      [55, 'recheckRequested', { reason: '对处理意见不服，认为同一地块应执行同一标准' }],
    ],
  },
  {
    ago: 150,
    channel: 'onlinePetition',
    to: city,
    ticketType: 'complaint',
    writerName: '许国华',
    subject: '请求重新核定房屋拆迁补偿',
    content: '本人房屋拆迁补偿面积核定有误，请求重新核定。',
    steps: [
      [2, 'dispatch', { agencyId: '安海镇人民政府', kind: 'assign' }],
      [7, 'accepted', { petitionClass: 'claim' }],
      [50, 'replied', { text: '经核查，您的房屋补偿面积按测绘报告核定，依据如下……', outcome: 'notSupport' }],
      [60, 'recheckRequested', { reason: '测绘报告遗漏附属用房，请求复查' }],
      [
        85,
        'recheckDecided',
        { text: '经复查，测绘报告已包括附属用房，维持原处理意见。', outcome: 'notSupport' },
      ],
    ],
  },
  {
    ago: 20,
    channel: 'onlinePetition',
    to: city,
    ticketType: 'complaint',
    writerName: '许国华',
    subject: '再次请求重新核定房屋拆迁补偿',
    content: '本人房屋拆迁补偿面积核定有误，再次请求重新核定。',
    steps: [
      [
        3,
        'notAccepted',
        { reason: '同一事项已经复查终结，以同一事实和理由再次提出，不予受理（信访工作条例第三十六条）' },
      ],
    ],
  },
  {
    ago: 2,
    channel: 'onlinePetition',
    to: city,
    ticketType: 'tipOff',
    writerName: '张立新',
    subject: '举报某派出所民警办理户籍时索要好处费',
    content: '某派出所户籍窗口民警在办理户口迁移时暗示需要“好处费”，时间、经过如下……',
    steps: [[1, 'classify', { petitionClass: 'accusation', accusedAgencyId: '晋江市公安局' }]],
  },
];

/** Loads the demo letters; `made` maps agency names to agencies. */
export async function loadMessages(ctx: Ctx, made: Record<string, Agency>): Promise<void> {
  const today = beijingDate(ctx.clock.now());
  const clock = new FixedClock(`${today}T02:00:00Z`);
  const sys: Ctx = { ...ctx, actor: systemActor('演示数据'), clock };
  const on = (day: string) => {
    clock.set(`${day}T02:00:00Z`);
    return sys;
  };
  const numbers: string[] = [];
  for (const [i, l] of letters.entries()) {
    const received = nextDate(today, -l.ago);
    const agency = made[l.to];
    if (!agency) throw new Error(`demo: unknown agency ${l.to}`);
    const w = await messages.write(on(received), {
      channel: l.channel,
      agencyId: agency.id,
      ticketType: l.ticketType,
      writerName: l.writerName,
      phone: `1390595${String(1000 + i * 37).padStart(4, '0')}`,
      address: '福建省晋江市',
      subject: l.subject,
      content: l.content,
      consentPublish: l.consent ? 'on' : '',
    });
    numbers.push(w.number);
    const events: Array<[number, () => Promise<unknown>]> = [];
    for (const [d, action, input] of l.steps ?? []) {
      const resolved = { ...input };
      if (typeof resolved.intoNumber === 'string' && resolved.intoNumber.startsWith('#'))
        resolved.intoNumber = numbers[Number(resolved.intoNumber.slice(1)) - 1];
      events.push([d, () => messages.step(on(nextDate(received, d)), w.id, action, resolved)]);
    }
    if (l.rate) {
      const [d, grade, loop] = l.rate;
      events.push([
        d,
        async () => {
          const r = await ratings.rateMessage(on(nextDate(received, d)), w.id, { grade });
          for (const [dd, op, input] of loop ?? [])
            await ratings[op](on(nextDate(received, dd)), r.id, input);
        },
      ]);
    }
    if (l.convert) {
      const [d, fields] = l.convert;
      events.push([d, () => messages.convertToRequest(on(nextDate(received, d)), w.id, fields)]);
    }
    if (l.publishAfter !== undefined) {
      const d = l.publishAfter;
      events.push([
        d,
        async () =>
          messages.publish(
            on(nextDate(received, d)),
            w.id,
            await messages.publicationDraft(on(nextDate(received, d)), w.id),
          ),
      ]);
    }
    for (const [, run] of events.sort((a, b) => a[0] - b[0])) await run();
  }
  clock.set(`${today}T02:00:00Z`);
}

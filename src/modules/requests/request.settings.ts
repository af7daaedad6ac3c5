import { BadValue, defineSettings, integerBetween } from '../../platform/config/settings.js';

const text = (raw: string) => raw.trim();

/**
 * The remedies a reply names (行政复议法第二十四条): by default the 复议机关 is the nearest people's
 * government above the agency in the agency tree (a department's own government, a township's
 * county). Where that is not right, or for the top agency, it is configured here.
 */
export const requestSettings = defineSettings({
  topReviewBody: {
    env: 'REQUEST_TOP_REVIEW_BODY',
    doc: 'The 复议机关 named in replies of the top agency of the tree (e.g. 泉州市人民政府); by default 上一级人民政府.',
    default: '',
    parse: text,
  },
  reviewBodies: {
    env: 'REQUEST_REVIEW_BODIES',
    doc: 'Per-agency 复议机关, overriding the agency tree: 机关名称=复议机关, separated by semicolons.',
    default: '',
    parse: (raw: string) =>
      new Map(
        raw
          .split(/[;；]/)
          .map((pair) => pair.split('=').map((s) => s.trim()))
          .filter((p): p is [string, string] => p.length === 2 && p[0] !== '' && p[1] !== ''),
      ),
  },
  court: {
    env: 'REQUEST_COURT',
    doc: 'The court named in replies for 行政诉讼 (e.g. 晋江市人民法院); by default 人民法院.',
    default: '',
    parse: text,
  },
  // 找回受理编号 (lost receipts): the applicant gets a 找回码 by the contact given in the application.
  noticeChannel: {
    env: 'REQUEST_NOTICE_CHANNEL',
    doc: 'How messages to applicants (the 找回码 of 找回受理编号) leave: `outbox` queues them in the `request_outbox` table, taken by `gongkai requests outbox --take` for the SMS/e-mail gateway; `off` turns 找回受理编号 off (the page refers applicants to the agency).',
    default: 'outbox',
    parse: (raw: string): 'outbox' | 'off' => {
      const v = raw.trim();
      if (v === 'outbox' || v === 'off') return v;
      throw new BadValue('应为 outbox 或 off');
    },
  },
  recoveryPerContactPerDay: {
    env: 'REQUEST_RECOVERY_PER_CONTACT_PER_DAY',
    doc: '找回受理编号: messages sent to one phone number or e-mail address per day (Beijing time); further requests get the same answer and send nothing.',
    default: '3',
    parse: integerBetween(1, 20),
  },
  recoveryPerIpPerHour: {
    env: 'REQUEST_RECOVERY_PER_IP_PER_HOUR',
    doc: '找回受理编号: requests one client address may make per hour.',
    default: '10',
    parse: integerBetween(1, 1000),
  },
  recoveryCodeHours: {
    env: 'REQUEST_RECOVERY_CODE_HOURS',
    doc: '找回受理编号: hours a 找回码 holds; it opens the applications once.',
    default: '24',
    parse: integerBetween(1, 72),
  },
});

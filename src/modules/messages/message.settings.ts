import { BadValue, defineSettings, integerBetween } from '../../platform/config/settings.js';
import { defaultMailboxRules } from './message-clock.js';
import { ticketTypeLabels, ticketTypes, type TicketType } from './message.js';

/** `咨询=5,建议=5,…`: the 信箱 reply limit in 工作日 of each 诉求类型 (a missing one keeps its default). */
export function parseMailboxWorkdays(raw: string): Record<TicketType, number> {
  const out = { ...defaultMailboxRules.workdays };
  for (const part of raw
    .split(/[,，;；]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*[=：:]\s*(\d+)$/.exec(part);
    const type = m && ticketTypes.find((t) => ticketTypeLabels[t] === m[1]!.trim() || t === m[1]!.trim());
    if (!m || !type)
      throw new BadValue(`“${part}”应写成“咨询=5”，诉求类型为咨询、建议、投诉、求助、举报、表扬之一`);
    const n = Number(m[2]);
    if (n < 1 || n > 60) throw new BadValue(`${ticketTypeLabels[type]}的期限应为 1–60 个工作日`);
    out[type] = n;
  }
  return out;
}

/** Local rules for 信箱 and 好差评 (services.md §3.2, §3.4: [P], so configuration). */
export const messageSettings = defineSettings({
  mailboxWorkdays: {
    env: 'MESSAGE_MAILBOX_WORKDAYS',
    doc: 'Reply limits of 信箱 letters in working days by 诉求类型, e.g. 咨询=5,建议=5,投诉=7,求助=7,举报=7,表扬=5.',
    default: '咨询=5,建议=5,投诉=7,求助=7,举报=7,表扬=5',
    parse: parseMailboxWorkdays,
  },
  complexWorkdays: {
    env: 'MESSAGE_COMPLEX_WORKDAYS',
    doc: 'Reply limit in working days of a complex 信箱 letter, after an interim reply.',
    default: String(defaultMailboxRules.complexWorkdays),
    parse: integerBetween(1, 60),
  },
  returnWorkdays: {
    env: 'MESSAGE_RETURN_WORKDAYS',
    doc: 'Working days an agency has to return (退单) a 信箱 letter dispatched to it.',
    default: String(defaultMailboxRules.returnWorkdays),
    parse: integerBetween(1, 10),
  },
  fixWorkdays: {
    env: 'MESSAGE_FIX_WORKDAYS',
    doc: 'Working days to fix (整改) or explain a 差评 after it was given (好差评).',
    default: '15',
    parse: integerBetween(1, 60),
  },
  ratingDays: {
    env: 'MESSAGE_RATING_DAYS',
    doc: 'Days after a reply during which its writer can rate it (好差评).',
    default: '30',
    parse: integerBetween(1, 365),
  },
});

import { patterns } from '../../platform/schema.js';

/**
 * The contact an applicant gave (联系电话, 电子邮箱) as the key that finds their applications when
 * they lost the 受理回执, and the words of the message that reaches them. Pure: the keyed hash is
 * the caller's (FieldCipher.blindIndex), so nothing here sees a key.
 */

/** Where a message can go: a mobile phone (短信) or an e-mail address. */
export type ContactChannel = 'sms' | 'email';
export const contactChannelLabels: Record<ContactChannel, string> = { sms: '短信', email: '电子邮件' };

export interface Contact {
  channel: ContactChannel;
  /** The normalised form: 11 digits of a mainland mobile number, or the address in lower case. */
  value: string;
}

const FULL_WIDTH_DIGIT = /[０-９]/g;
const toAsciiDigits = (s: string) =>
  s.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** A mainland mobile number, with or without the country code (+86, 0086, 86). */
const MOBILE = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;

/**
 * The first mobile number in a 联系电话 as the form accepts it (several numbers separated by 、 or
 * a comma, an extension after 转, spaces, hyphens and brackets, full-width digits), or null: a
 * landline cannot receive a text message.
 */
export function mobileIn(phone: string): string | null {
  for (const part of toAsciiDigits(phone).split(/[、,，;；/]|转/)) {
    const m = MOBILE.exec(part.replace(/[\s\-—－()（）]/g, ''));
    if (m) return m[1]!;
  }
  return null;
}

/** An e-mail address as the index keys it: trimmed, in lower case (the same mailbox however typed). */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What the applicant typed to find their applications: a mobile number or an e-mail address. */
export function readContact(typed: string): Contact | null {
  const t = typed.trim();
  if (t.includes('@')) return patterns.email.test(t) ? { channel: 'email', value: normalEmail(t) } : null;
  // Exactly one number: "13800000000、13900000000" is not one contact to look for.
  if (/[、,，;；/]|转/.test(t)) return null;
  const mobile = mobileIn(t);
  return mobile ? { channel: 'sms', value: mobile } : null;
}

/** The text the blind index is taken of: channel and value, so a number never equals an address. */
export function contactKey(c: Contact): string {
  return `${c.channel}:${c.value}`;
}

/** A name as the index compares it: without spaces (张 三 = 张三), in any case (blindIndex upper-cases). */
export function nameKey(name: string): string {
  return `name:${name.replace(/\s+/g, '')}`;
}

/** One application the message names. */
export interface RecoveredCase {
  acceptanceNumber: string;
  agencyName: string;
}

/** At most this many applications are named in one message (a text message stays short). */
export const MAX_NAMED_CASES = 5;

/**
 * The message with the 找回码: which applications it is for (the 受理编号 alone opens nothing), the
 * code, how long it holds, where to enter it, and what to do if the applicant did not ask for it.
 * No 查询码: that is issued anew only when the code comes back, so a stranger who knows the phone
 * number cannot make the applicant's 查询码 stop working.
 */
export function recoveryMessage(p: {
  cases: readonly RecoveredCase[];
  code: string;
  hours: number;
  /** The page to enter the code on (from PUBLIC_URL), or null when the address is not configured. */
  pageUrl: string | null;
}): { subject: string; text: string } {
  const named = p.cases
    .slice(0, MAX_NAMED_CASES)
    .map((c) => `${c.acceptanceNumber}（${c.agencyName}）`)
    .join('、');
  const more = p.cases.length > MAX_NAMED_CASES ? `等 ${p.cases.length} 件` : '';
  const where = p.pageUrl
    ? `请打开 ${p.pageUrl} 输入找回码`
    : '请在政府信息公开网站“依申请公开—找回受理编号”页面输入找回码';
  return {
    subject: '找回政府信息公开申请的受理编号和查询码',
    text:
      `您好！您提交的政府信息公开申请（受理编号：${named}${more}）的找回码为 ${p.code}，` +
      `${p.hours} 小时内有效，只能使用一次。${where}，即可看到受理编号并获得新的查询码（原查询码随之失效）。` +
      '如非本人操作，请忽略本消息，您的查询码不会改变。',
  };
}

/**
 * The blind indexes a case is found by (request.phone_index, request.email_index): of the mobile
 * number in its 联系电话 ('' when there is none, so the row counts as indexed) and of its e-mail.
 */
export function contactIndexes(
  blindIndex: (plain: string) => string,
  phone: string,
  email: string | null,
): { phone_index: string; email_index: string | null } {
  const mobile = mobileIn(phone);
  return {
    phone_index: mobile ? blindIndex(contactKey({ channel: 'sms', value: mobile })) : '',
    email_index: email ? blindIndex(contactKey({ channel: 'email', value: normalEmail(email) })) : null,
  };
}

/** An e-mail column holds ciphertext (`v1:` and base64, never an @) or, before 0023, the address. */
export function isEncryptedEmail(stored: string): boolean {
  return !stored.includes('@');
}

import { ValidationError } from '../../src/platform/errors.js';

/** A 来信 to the 领导信箱 of `agencyId`, as a citizen writes it (fields overridable). */
export const letter = (agencyId: string, extra: Record<string, unknown> = {}) => ({
  channel: 'leaderMailbox',
  agencyId,
  ticketType: 'complaint',
  writerName: '李明华',
  phone: '13905951234',
  address: '晋江市磁灶镇大埔村 8 号',
  subject: '大埔村路灯损坏',
  content: '大埔村村口至小学一段路灯坏了两个月，晚上学生放学很危险。我的电话 13905951234，请尽快修复。',
  consentPublish: 'on',
  ...extra,
});

/** For assert.rejects: a ValidationError naming `field`. */
export const fieldOf = (field: string) => (e: unknown) =>
  e instanceof ValidationError && e.fields.some((f) => f.field === field);

import { BadValue, defineSettings, integerBetween } from '../../platform/config/settings.js';

/** Where push e-mail goes: an SMTP server by URL, or (empty) the platform's own outbox. */
function smtpUrl(raw: string): string {
  const v = raw.trim();
  if (v && !/^smtps?:\/\/[^\s]+$/.test(v))
    throw new BadValue('应为 smtp:// 或 smtps:// 开头的地址，例如 smtp://user:pass@mail.example.gov.cn:587');
  return v;
}

/** 精准推送's settings (issue 15). */
export const pushSettings = defineSettings({
  smtpUrl: {
    env: 'PUSH_SMTP_URL',
    doc: 'SMTP server for push e-mail, e.g. `smtp://user:pass@mail.example.gov.cn:587` (`smtps://` for TLS). Empty: messages are kept (encrypted) in the platform’s outbox, which administrators read on /admin/push/outbox: for a demo or a site without mail.',
    default: '',
    parse: smtpUrl,
  },
  mailFrom: {
    env: 'PUSH_MAIL_FROM',
    doc: 'Sender of push e-mail.',
    default: '政务公开政策推送 <noreply@localhost>',
    parse: (raw) => {
      if (!/@/.test(raw)) throw new BadValue('应包含电子邮箱地址');
      return raw.trim();
    },
  },
  verifyMinutes: {
    env: 'PUSH_VERIFY_MINUTES',
    doc: 'Minutes an e-mail verification or sign-in code stays valid.',
    default: '30',
    parse: integerBetween(5, 1440),
  },
  webhookAllowPrivate: {
    env: 'PUSH_WEBHOOK_ALLOW_PRIVATE',
    doc: 'Let webhooks go to http:// and to addresses of this machine or a private network (tests, closed networks). Off: https only, public addresses only.',
    default: 'false',
    parse: (raw) => {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
      throw new BadValue('应为 true 或 false');
    },
  },
  digestHour: {
    env: 'PUSH_DIGEST_HOUR',
    doc: 'Beijing hour (0–23) after which the daily and weekly digests are sent (weekly ones on Mondays).',
    default: '8',
    parse: integerBetween(0, 23),
  },
});

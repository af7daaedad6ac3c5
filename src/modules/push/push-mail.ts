import nodemailer, { type Transporter } from 'nodemailer';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import * as repo from './push.repository.js';
import { pushSettings } from './push.settings.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** RFC 8058 one-click unsubscribe: the stop link, also in the body. */
  unsubscribeUrl?: string;
}

const transports = new Map<string, Transporter>();

function transport(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/**
 * Sends one e-mail by the configured SMTP server, or keeps it in the outbox when none is
 * configured. Throws when the server refuses (the job retries, and records the failure). The
 * address is never logged.
 */
export async function sendMail(ctx: Ctx, mail: Mail): Promise<'smtp' | 'outbox'> {
  const s = pushSettings.of(ctx);
  if (!s.smtpUrl) {
    await repo.insertOutbox(ctx.db, {
      id: newId(),
      to_enc: ctx.cipher.encrypt(mail.to),
      to_hash: ctx.cipher.blindIndex(`push-email:${mail.to.toLowerCase()}`),
      subject: mail.subject,
      body_enc: ctx.cipher.encrypt(mail.text),
      created_at: ctx.clock.now().toISOString(),
    });
    return 'outbox';
  }
  await transport(s.smtpUrl).sendMail({
    from: s.mailFrom,
    to: mail.to,
    subject: mail.subject,
    date: ctx.clock.now(),
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    ...(mail.unsubscribeUrl
      ? {
          list: { unsubscribe: { url: mail.unsubscribeUrl, comment: '退订' } },
          headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        }
      : {}),
  });
  return 'smtp';
}

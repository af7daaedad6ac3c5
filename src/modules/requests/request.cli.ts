import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.js';
import { queuedMessages, takeMessages } from './request-recovery.service.js';

/**
 * `gongkai requests outbox`: the messages to applicants (找回码) waiting in the outbox. With
 * `--take`, hands them to the SMS/e-mail gateway: one JSON line each on stdout ({channel, to,
 * subject, text}), each taken once. The output holds contacts and codes: pipe it to the gateway,
 * never into a log.
 */
export function registerRequestCommands(program: Command, io: CliContext): void {
  const requests = program.command('requests').description('依申请公开');
  requests
    .command('outbox')
    .description(
      '待发送给申请人的消息（找回码）：显示条数；加 --take 取出交短信、邮件网关发送（每行一条 JSON）',
    )
    .option('--take', '取出全部待发送的消息（每条只取出一次）')
    .option('--json', '以 JSON 输出条数')
    .action((o: { take?: boolean; json?: boolean }) =>
      io.withCtx(async (ctx) => {
        if (!o.take) {
          const queued = await queuedMessages(ctx);
          return io.out(o.json ? JSON.stringify({ queued }) : `待发送的消息：${queued} 条`);
        }
        for (const m of await takeMessages(ctx))
          io.out(
            JSON.stringify({
              id: m.id,
              channel: m.channel,
              to: m.to,
              subject: m.subject,
              text: m.text,
              expiresAt: m.expiresAt,
            }),
          );
      }),
    );
}

import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An e-mail as the local SMTP server received it. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  headers: Map<string, unknown>;
  /** The header lines as sent, e.g. `List-Unsubscribe: <https://…>`. */
  headerLines: string[];
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package): the platform sends to it by
 * PUSH_SMTP_URL as it would to a county's mail server, and the test reads what arrived.
 * `reject` makes it refuse recipients matching a pattern (a bounce).
 */
export async function localSmtp(opts: { reject?: RegExp } = {}) {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.reject?.test(address.address))
        return cb(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((m) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            subject: m.subject ?? '',
            text: m.text ?? '',
            headers: m.headers,
            headerLines: m.headerLines.map((l) => l.line),
          });
          waiters.splice(0).forEach((w) => w());
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Resolves when `n` messages have arrived (or rejects after `ms`). */
    async waitFor(n: number, ms = 10_000): Promise<ReceivedMail[]> {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} e-mails, ${received.length} arrived`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
      return received;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

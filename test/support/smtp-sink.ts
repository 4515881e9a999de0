import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { findFreePort } from '../../infra/ports';

export interface ReceivedMail {
  /** As in the header, with its angle brackets. */
  messageId: string;
  /** Envelope recipients (RCPT TO) that were accepted. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** Absent for a text-only message. */
  html: string | undefined;
}

export interface SmtpSink {
  url: string;
  messages: ReceivedMail[];
  /** SMTP sessions opened so far: a pooled client reuses one for messages sent one after another. */
  readonly connectionCount: number;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

const smtpReply = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

/**
 * A real SMTP server on a free loopback port that keeps what it receives, parsed. Recipients
 * matching `rejectRecipients` get a permanent 550 at RCPT, those matching `deferRecipients` a
 * transient 451.
 */
export async function startSmtpSink(
  options: { rejectRecipients?: RegExp; deferRecipients?: RegExp } = {},
): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  let connectionCount = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // A pooled client that was not closed keeps its connection; do not wait 30 s for it.
    closeTimeout: 500,
    onConnect(_session, callback) {
      connectionCount += 1;
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.test(address.address)) {
        // As real servers do (Postfix: "550 5.1.1 <addr>: Recipient address rejected"), the reply names the address.
        callback(smtpReply(`5.1.1 <${address.address}>: Recipient address rejected: mailbox unavailable`, 550));
        return;
      }
      if (options.deferRecipients?.test(address.address)) {
        callback(smtpReply('mailbox busy, try again later', 451));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            messageId: mail.messageId ?? '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            from: mail.from?.value[0]?.address ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : undefined,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = await findFreePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client dropping its connection mid-transaction is the client's problem, not a reason to
  // crash the test process with an unhandled 'error' event.
  server.on('error', () => undefined);
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get connectionCount() {
      return connectionCount;
    },
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline)
          throw new Error(`SMTP sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

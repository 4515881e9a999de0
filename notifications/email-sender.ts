import nodemailer from 'nodemailer';

export interface EmailMessage {
  /** Deterministic, derived from the notification, so a receiver can drop a resent copy. */
  messageId: string;
  to: string[];
  subject: string;
  text: string;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
  close(): Promise<void>;
}

/** The server refused the message for good (5xx): retrying cannot help. */
export class EmailRejectedError extends Error {
  readonly code = 'NOTIFY.EMAIL_REJECTED';
  constructor(message: string) {
    super(message);
    this.name = 'EmailRejectedError';
  }
}

/** The server was unreachable or asked to try later (4xx): the activity retries. */
export class EmailTemporaryError extends Error {
  readonly code = 'NOTIFY.EMAIL_TEMPORARY';
  constructor(message: string) {
    super(message);
    this.name = 'EmailTemporaryError';
  }
}

/** E-mail through SMTP. The body is never logged: it may name a case. */
export function createEmailSender(settings: { smtpUrl: string; from: string }): EmailSender {
  const transport = nodemailer.createTransport(settings.smtpUrl);
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          messageId: message.messageId,
        });
      } catch (error) {
        const responseCode = (error as { responseCode?: number }).responseCode;
        const text = `SMTP: ${(error as Error).message}`;
        if (responseCode !== undefined && responseCode >= 500) throw new EmailRejectedError(text);
        throw new EmailTemporaryError(text);
      }
    },
    async close() {
      transport.close();
    },
  };
}

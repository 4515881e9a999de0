import nodemailer, { type SMTPPoolSentMessageInfo } from 'nodemailer';
import { redactPersonalText } from '../domain/privacy/redact-personal-text';

export interface EmailMessage {
  /**
   * Deterministic, derived from the notification's unique key (e.g. `<notification-id@domain>`),
   * so a receiving system can drop a copy that a retry resends.
   */
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

export interface EmailResult {
  /** The Message-ID the message went out with. */
  messageId: string;
  /** Recipients the server accepted. */
  accepted: string[];
  /**
   * Recipients the server refused while accepting others. When every recipient is refused,
   * `send` throws instead.
   */
  rejected: string[];
  /** The server's final reply, e.g. "250 OK: queued". */
  response: string;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<EmailResult>;
  /** Closes the pooled connections; call it before the process (or the test's SMTP server) stops. */
  close(): Promise<void>;
}

/** The server refused the message for good (5xx), or it cannot be sent at all: retrying cannot help. */
export class EmailRejectedError extends Error {
  readonly code = 'NOTIFY.EMAIL_REJECTED';
  constructor(
    message: string,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'EmailRejectedError';
  }
}

/** The server was unreachable, timed out or asked to try later (4xx): the activity retries. */
export class EmailTemporaryError extends Error {
  readonly code = 'NOTIFY.EMAIL_TEMPORARY';
  constructor(
    message: string,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'EmailTemporaryError';
  }
}

/**
 * Timeouts well inside the delivery activity's start-to-close timeout, so a stalled server
 * surfaces as a retryable error rather than as an activity timeout. A `?connectionTimeout=…`
 * (or similar) in the SMTP URL overrides them.
 */
const TRANSPORT_DEFAULTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
  dnsTimeout: 10_000,
} as const;

/**
 * Errors nodemailer raises before or without a server reply that a retry would raise again:
 * no or malformed recipients, a message it cannot build, a bad configuration.
 */
const LOCAL_PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'ECONFIG', 'EMAXRECIPIENTS']);

/**
 * RFC 5321: 5yz replies are permanent, 4yz transient. 503 (bad sequence of commands) says the
 * session was in the wrong state rather than that the message was refused, so it is retried.
 */
const isPermanentReply = (responseCode: number) =>
  responseCode >= 500 && responseCode < 600 && responseCode !== 503;

interface SmtpFailure {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
}

/**
 * The message is built from nodemailer's error (which carries the server's reply), never from the
 * e-mail, and without the addresses a server quotes in its reply ("550 5.1.1 <…>: rejected"): it is
 * stored on the delivery row and written to the worker's log.
 */
function classifySmtpFailure(error: unknown): EmailRejectedError | EmailTemporaryError {
  const failure: SmtpFailure = typeof error === 'object' && error !== null ? error : {};
  const detail = redactPersonalText(typeof failure.message === 'string' ? failure.message : String(error));
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const text = `SMTP${code ? ` ${code}` : ''}: ${detail}`;
  if (responseCode !== undefined)
    return isPermanentReply(responseCode)
      ? new EmailRejectedError(text, responseCode)
      : new EmailTemporaryError(text, responseCode);
  if (code !== undefined && LOCAL_PERMANENT_CODES.has(code)) return new EmailRejectedError(text);
  return new EmailTemporaryError(text);
}

/**
 * E-mail through a pooled SMTP transport. Nothing here logs: the body and the recipients may
 * hold personal data, and nodemailer's own logger stays off.
 */
export function createEmailSender(settings: { smtpUrl: string; from: string }): EmailSender {
  const transport = nodemailer.createTransport({
    ...TRANSPORT_DEFAULTS,
    url: settings.smtpUrl,
    pool: true,
    logger: false,
    debug: false,
  });
  return {
    async send(message) {
      let info: SMTPPoolSentMessageInfo;
      try {
        info = await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html !== undefined ? { html: message.html } : {}),
          messageId: message.messageId,
        });
      } catch (error) {
        throw classifySmtpFailure(error);
      }
      return {
        messageId: info.messageId,
        accepted: [...info.accepted],
        rejected: [...info.rejected],
        response: info.response,
      };
    },
    async close() {
      transport.close();
    },
  };
}

import { randomUUID } from 'node:crypto';
import { findFreePort } from '../../infra/ports';
import {
  createEmailSender,
  createWebhookSender,
  EmailRejectedError,
  EmailTemporaryError,
  verifyWebhookSignature,
  WEBHOOK_EVENT_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookRejectedError,
  WebhookTemporaryError,
  type EmailSender,
} from '../../notifications';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink';

/** The delivery channels against a real SMTP server and a real HTTP receiver on loopback. */

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Senders first: a pooled SMTP connection still open would hold the server's close back.
  for (const close of closers.splice(0).reverse()) await close();
});

async function smtpSink(options?: Parameters<typeof startSmtpSink>[0]): Promise<SmtpSink> {
  const sink = await startSmtpSink(options);
  closers.push(() => sink.close());
  return sink;
}

function emailSender(smtpUrl: string): EmailSender {
  const sender = createEmailSender({ smtpUrl, from: 'Hệ thống điều phối <no-reply@coordination.invalid>' });
  closers.push(() => sender.close());
  return sender;
}

async function webhookSink(options?: Parameters<typeof startWebhookSink>[0]): Promise<WebhookSink> {
  const sink = await startWebhookSink(options);
  closers.push(() => sink.close());
  return sink;
}

/** The error a promise rejects with; fails the test if it resolves. */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

const messageId = () => `<notification-${randomUUID()}@test.invalid>`;

/** A port nothing listens on (it was free a moment ago and is not bound by anyone here). */
const unusedPort = () => findFreePort();

describe('e-mail channel', () => {
  const subject = 'Nhắc hạn: bước D3 — lập hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc';
  const text =
    'Kính gửi Phòng Lao động – Thương binh và Xã hội quận Hoàn Kiếm,\n' +
    'Hồ sơ HN-2026-17 còn 2 ngày làm việc để hoàn thành bước D3. Đề nghị đồng chí xử lý đúng hạn.\n' +
    'Trân trọng.';

  it('delivers with the given Message-ID, subject, recipient and Vietnamese text intact', async () => {
    const sink = await smtpSink();
    const sender = emailSender(sink.url);
    const id = messageId();

    const result = await sender.send({
      messageId: id,
      to: ['phong-ldtbxh@hoankiem.invalid'],
      subject,
      text,
      html: '<p>Hồ sơ <b>HN-2026-17</b> còn 2 ngày làm việc.</p>',
    });

    expect(result).toMatchObject({ messageId: id, accepted: ['phong-ldtbxh@hoankiem.invalid'], rejected: [] });
    expect(result.response).toMatch(/^250\b/);
    const [mail, ...others] = await sink.waitFor(1);
    expect(others).toHaveLength(0);
    expect(mail).toEqual({
      messageId: id,
      to: ['phong-ldtbxh@hoankiem.invalid'],
      from: 'no-reply@coordination.invalid',
      subject,
      text,
      html: '<p>Hồ sơ <b>HN-2026-17</b> còn 2 ngày làm việc.</p>',
    });
  });

  it('sends several messages at once through the pool, each under its own Message-ID', async () => {
    const sink = await smtpSink();
    const sender = emailSender(sink.url);
    const ids = [messageId(), messageId(), messageId(), messageId()];

    await Promise.all(
      ids.map((id, n) => sender.send({ messageId: id, to: [`can-bo-${n}@hanoi.invalid`], subject, text })),
    );

    const received = await sink.waitFor(ids.length);
    expect(received.map((mail) => mail.messageId).sort()).toEqual([...ids].sort());
    expect(received.every((mail) => mail.subject === subject)).toBe(true);
  });

  it('reuses one pooled connection for messages sent one after another', async () => {
    const sink = await smtpSink();
    const sender = emailSender(sink.url);

    for (const n of [1, 2, 3])
      await sender.send({ messageId: messageId(), to: [`can-bo-${n}@hanoi.invalid`], subject, text });

    expect(await sink.waitFor(3)).toHaveLength(3);
    expect(sink.connectionCount).toBe(1);
  });

  it('raises EmailRejectedError when the server refuses the recipient for good (550)', async () => {
    const sink = await smtpSink({ rejectRecipients: /^khong-ton-tai@/ });
    const sender = emailSender(sink.url);

    const error = await failureOf(
      sender.send({ messageId: messageId(), to: ['khong-ton-tai@hanoi.invalid'], subject, text }),
    );

    expect(error).toBeInstanceOf(EmailRejectedError);
    expect(error).toMatchObject({ code: 'NOTIFY.EMAIL_REJECTED', responseCode: 550 });
    expect((error as Error).message).not.toContain('Hồ sơ'); // the body stays out of errors
    // …and so does the official's address (the error reaches the delivery row and Temporal's history).
    expect((error as Error).message).toMatch(/550/);
    expect((error as Error).message).not.toContain('khong-ton-tai');
    expect(sink.messages).toHaveLength(0);
  });

  it('reports a recipient refused among accepted ones, and delivers to the others', async () => {
    const sink = await smtpSink({ rejectRecipients: /^khong-ton-tai@/ });
    const sender = emailSender(sink.url);

    const result = await sender.send({
      messageId: messageId(),
      to: ['khong-ton-tai@hanoi.invalid', 'phong-ldtbxh@hanoi.invalid'],
      subject,
      text,
    });

    expect(result.accepted).toEqual(['phong-ldtbxh@hanoi.invalid']);
    expect(result.rejected).toEqual(['khong-ton-tai@hanoi.invalid']);
    expect((await sink.waitFor(1))[0]?.to).toEqual(['phong-ldtbxh@hanoi.invalid']);
  });

  it('raises EmailTemporaryError when the server defers the recipient (451)', async () => {
    const sink = await smtpSink({ deferRecipients: /^ban@/ });
    const sender = emailSender(sink.url);

    const error = await failureOf(sender.send({ messageId: messageId(), to: ['ban@hanoi.invalid'], subject, text }));

    expect(error).toBeInstanceOf(EmailTemporaryError);
    expect(error).toMatchObject({ code: 'NOTIFY.EMAIL_TEMPORARY', responseCode: 451 });
    expect(sink.messages).toHaveLength(0);
  });

  it('raises EmailTemporaryError when the SMTP port is unreachable', async () => {
    const sender = emailSender(`smtp://127.0.0.1:${await unusedPort()}`);

    const error = await failureOf(
      sender.send({ messageId: messageId(), to: ['phong-ldtbxh@hanoi.invalid'], subject, text }),
    );

    expect(error).toBeInstanceOf(EmailTemporaryError);
    expect((error as EmailTemporaryError).responseCode).toBeUndefined();
    expect((error as Error).message).toMatch(/ECONNECTION|ECONNREFUSED/);
  });

  it('raises EmailRejectedError for a message without recipients: a retry cannot fix it', async () => {
    const sink = await smtpSink();
    const sender = emailSender(sink.url);

    const error = await failureOf(sender.send({ messageId: messageId(), to: [], subject, text }));

    expect(error).toBeInstanceOf(EmailRejectedError);
    expect(sink.messages).toHaveLength(0);
  });
});

describe('webhook channel', () => {
  const secret = 'webhook-secret-for-tests-0123456789';
  const sentAt = new Date('2026-03-16T02:30:00Z');
  const payload = {
    type: 'deadline.notification',
    caseRef: 'HN-2026-17',
    titleVi: 'Nhắc hạn bước D3: lập hồ sơ đề nghị',
  };
  const sender = (timeoutMs = 2_000) => createWebhookSender({ timeoutMs, now: () => sentAt });

  it('delivers a signed JSON body that verifyWebhookSignature accepts, with the event id', async () => {
    const sink = await webhookSink();
    const eventId = randomUUID();

    const result = await sender().deliver({ url: sink.url, secret, eventId, payload });

    expect(result).toEqual({ status: 204 });
    const [call, ...others] = await sink.waitFor(1);
    expect(others).toHaveLength(0);
    if (!call) throw new Error('no call received');
    expect(call.method).toBe('POST');
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers[WEBHOOK_EVENT_ID_HEADER.toLowerCase()]).toBe(eventId);
    expect(call.json).toEqual(payload);

    const header = call.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
    if (typeof header !== 'string') throw new Error(`no ${WEBHOOK_SIGNATURE_HEADER} header`);
    expect(header).toMatch(new RegExp(`^t=${sentAt.getTime() / 1000},v1=[0-9a-f]{64}$`));
    const check = (overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
      verifyWebhookSignature({ secret, header, body: call.body, toleranceSeconds: 300, now: sentAt, ...overrides });

    expect(check({})).toBe(true);
    expect(check({ now: new Date(sentAt.getTime() + 299_000) })).toBe(true);
    expect(check({ body: call.body.replace('HN-2026-17', 'HN-2026-18') })).toBe(false);
    expect(check({ secret: 'a-different-secret' })).toBe(false);
    expect(check({ now: new Date(sentAt.getTime() + 301_000) })).toBe(false);
  });

  it('raises WebhookTemporaryError on 500, and the receiver did get the call', async () => {
    const sink = await webhookSink({ respondWith: () => 500 });

    const error = await failureOf(sender().deliver({ url: sink.url, secret, eventId: randomUUID(), payload }));

    expect(error).toBeInstanceOf(WebhookTemporaryError);
    expect(error).toMatchObject({ code: 'NOTIFY.WEBHOOK_TEMPORARY', status: 500 });
    expect(sink.requests).toHaveLength(1);
  });

  it('raises WebhookRejectedError on 410', async () => {
    const sink = await webhookSink({ respondWith: () => 410 });

    const error = await failureOf(sender().deliver({ url: sink.url, secret, eventId: randomUUID(), payload }));

    expect(error).toBeInstanceOf(WebhookRejectedError);
    expect(error).toMatchObject({ code: 'NOTIFY.WEBHOOK_REJECTED', status: 410 });
  });

  it('retries 408, 429 and 5xx; rejects other 4xx and redirects, which it does not follow', async () => {
    const cases = [
      [408, WebhookTemporaryError],
      [429, WebhookTemporaryError],
      [503, WebhookTemporaryError],
      [400, WebhookRejectedError],
      [404, WebhookRejectedError],
      [302, WebhookRejectedError],
      [307, WebhookRejectedError],
    ] as const;
    const sink = await webhookSink({ respondWith: (n) => cases[n - 1]?.[0] ?? 599 });

    const outcomes: Array<[number, unknown]> = [];
    for (const [status] of cases)
      outcomes.push([status, await failureOf(sender().deliver({ url: sink.url, secret, eventId: randomUUID(), payload }))]);

    for (const [n, [status, errorClass]] of cases.entries()) {
      expect(outcomes[n]?.[0]).toBe(status);
      expect([status, outcomes[n]?.[1]]).toEqual([status, expect.any(errorClass)]);
      expect(outcomes[n]?.[1]).toMatchObject({ status });
    }
    // One call per case: the redirects were not followed to a second request.
    expect(sink.requests).toHaveLength(cases.length);
  });

  it('raises WebhookTemporaryError when nothing listens at the URL', async () => {
    const url = `http://127.0.0.1:${await unusedPort()}/hooks`;

    const error = await failureOf(sender().deliver({ url, secret, eventId: randomUUID(), payload }));

    expect(error).toBeInstanceOf(WebhookTemporaryError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('raises WebhookTemporaryError when the receiver does not answer in time', async () => {
    const sink = await webhookSink({ respondAfterMs: 2_000 });
    const started = Date.now();

    const error = await failureOf(sender(200).deliver({ url: sink.url, secret, eventId: randomUUID(), payload }));

    expect(error).toBeInstanceOf(WebhookTemporaryError);
    expect((error as Error).message).toMatch(/timed out after 200 ms/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('raises WebhookRejectedError, without calling anyone, for a URL that is not http(s)', async () => {
    for (const url of ['data:application/json,{}', 'not a url', 'ftp://127.0.0.1/hooks']) {
      const error = await failureOf(sender().deliver({ url, secret, eventId: randomUUID(), payload }));
      expect([url, error]).toEqual([url, expect.any(WebhookRejectedError)]);
    }
  });
});

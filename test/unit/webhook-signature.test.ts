import { createHmac } from 'node:crypto';
import { signWebhookPayload, verifyWebhookSignature } from '../../notifications/webhook-signature';

const secret = 'khoa-bi-mat-thu-nghiem';
const body = '{"caseRef":"HN-2026-1","title":"Nhắc hạn"}';
const timestamp = 1_767_225_600; // 2026-01-01T00:00:00Z
const at = (seconds: number) => new Date(seconds * 1000);
// Computed outside this code base: printf '%s' "<t>.<body>" | openssl dgst -sha256 -hmac "<secret>"
const opensslDigest = '68c06f6d17decef4437f6156adaff2ad204f7d0ce2d2b7fd33c13260b372dfce';

describe('webhook signature', () => {
  const header = signWebhookPayload({ secret, timestamp, body });
  const verify = (overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) =>
    verifyWebhookSignature({ secret, header, body, toleranceSeconds: 300, now: at(timestamp), ...overrides });

  it('is t=<unix seconds>,v1=<HMAC-SHA256 of "<t>.<body>"> over the UTF-8 bytes', () => {
    expect(header).toBe(`t=${timestamp},v1=${opensslDigest}`);
  });

  it('verifies what it signed', () => {
    expect(verify()).toBe(true);
  });

  it('fails for a tampered body or a wrong secret', () => {
    expect(verify({ body: body.replace('HN-2026-1', 'HN-2026-2') })).toBe(false);
    expect(verify({ body: `${body} ` })).toBe(false);
    expect(verify({ secret: `${secret}x` })).toBe(false);
  });

  it('never verifies with an empty secret, even a header signed with the empty key', () => {
    const forged = `t=${timestamp},v1=${createHmac('sha256', '').update(`${timestamp}.${body}`).digest('hex')}`;
    expect(verify({ secret: '', header: forged })).toBe(false);
  });

  it('fails when the timestamp in the header was changed, since the timestamp is signed too', () => {
    const shifted = header.replace(`t=${timestamp}`, `t=${timestamp + 1}`);
    expect(verify({ header: shifted, now: at(timestamp + 1) })).toBe(false);
  });

  it('accepts a timestamp up to the tolerance away on either side, and rejects one beyond it', () => {
    expect(verify({ now: at(timestamp + 300) })).toBe(true);
    expect(verify({ now: at(timestamp - 300) })).toBe(true);
    expect(verify({ now: at(timestamp + 301) })).toBe(false);
    expect(verify({ now: at(timestamp - 301) })).toBe(false);
  });

  it('rejects malformed headers without throwing', () => {
    const digest = opensslDigest;
    for (const malformed of [
      '',
      'garbage',
      `v1=${digest}`,
      `t=${timestamp}`,
      `t=${timestamp},v1=`,
      `t=${timestamp},v1=${digest.slice(0, 62)}`,
      `t=${timestamp},v1=${digest.slice(0, 63)}z`,
      `t=${timestamp},v2=${digest}`,
      `t=1.767e9,v1=${digest}`,
      `t=-${timestamp},v1=${digest}`,
      `t=${timestamp},t=${timestamp},v1=${digest}`,
    ])
      expect([malformed, verify({ header: malformed })]).toEqual([malformed, false]);
  });

  it('tolerates spaces and extra fields, and accepts any one valid v1 (secret rotation)', () => {
    const other = signWebhookPayload({ secret: 'old-secret', timestamp, body }).split('v1=')[1];
    expect(verify({ header: `t=${timestamp}, v1=${opensslDigest}, v0=zzz` })).toBe(true);
    expect(verify({ header: `t=${timestamp},v1=${other},v1=${opensslDigest}` })).toBe(true);
    expect(verify({ header: `t=${timestamp},v1=${other}` })).toBe(false);
  });

  it('refuses to sign with an empty secret or a timestamp that is not whole seconds', () => {
    expect(() => signWebhookPayload({ secret: '', timestamp, body })).toThrow('secret');
    expect(() => signWebhookPayload({ secret, timestamp: Date.now() / 1000 + 0.5, body })).toThrow(RangeError);
    expect(() => signWebhookPayload({ secret, timestamp: -1, body })).toThrow(RangeError);
  });

  it('throws on a tolerance or clock that would disable the staleness check', () => {
    expect(() => verify({ toleranceSeconds: Number.NaN })).toThrow(RangeError);
    expect(() => verify({ toleranceSeconds: -1 })).toThrow(RangeError);
    expect(() => verify({ now: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

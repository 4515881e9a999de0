import { Writable } from 'node:stream';
import { ApplicationFailure } from '@temporalio/common';
import { createLogger } from '../../api/observability/logger';
import { urlForLog } from '../../api/observability/url-for-log';
import { redactPersonalText } from '../../domain/privacy/redact-personal-text';

describe('redactPersonalText', () => {
  it.each([
    [
      'duplicate key value violates unique constraint "people_identity_number_key": Key (identity_number)=(001099012345) already exists.',
      'duplicate key value violates unique constraint "people_identity_number_key": Key (identity_number)=([value]) already exists.',
    ],
    ['Key (case_ref, person_name)=(HN-2026-17, Nguyễn Văn A) is duplicated', 'Key (case_ref, person_name)=([value]) is duplicated'],
    ['550 5.1.1 <can-bo.phuong@hanoi.gov.vn>: Recipient address rejected', '550 5.1.1 <[address]>: Recipient address rejected'],
    ['no subscriber at 0912345678 or 84912345678', 'no subscriber at [number] or [number]'],
    ['CMND 123456789 / CCCD 001099012345', 'CMND [number] / CCCD [number]'],
  ])('masks the values in %j', (text, expected) => {
    expect(redactPersonalText(text)).toBe(expected);
  });

  it('keeps what explains the failure: codes, dates, references, short numbers', () => {
    const text = 'SMTP EENVELOPE: 451 4.7.1 try again at 2026-11-23 09:30; case HN-2026-17 step CRA.D3 (attempt 12)';
    expect(redactPersonalText(text)).toBe(text);
  });
});

describe('the log line of an error', () => {
  function logged(write: (logger: ReturnType<typeof createLogger>) => void): Record<string, unknown> {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    write(createLogger('info', 'test', sink));
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0] as string) as Record<string, unknown>;
  }

  it('shows an SDK failure (`error`) by kind and masked message, without its details', () => {
    const failure = ApplicationFailure.nonRetryable(
      'Key (identity_number)=(001099012345) already exists',
      'DB.UNIQUE',
      { identityNumber: '001099012345', fullName: 'Nguyễn Văn Thử' },
    );
    const line = logged((logger) => logger.warn({ error: failure, activityType: 'registerCase' }, 'Activity failed'));

    expect(line.error).toMatchObject({
      type: 'ApplicationFailure',
      failureType: 'DB.UNIQUE',
      nonRetryable: true,
      message: 'Key (identity_number)=([value]) already exists',
    });
    expect(JSON.stringify(line)).not.toContain('001099012345');
    expect(JSON.stringify(line)).not.toContain('Nguyễn Văn Thử');
  });

  it('shows our own errors (`err`) with their code and cause, never a driver\'s meta', () => {
    const driverError = Object.assign(new Error('Raw query failed. Code: `23505`. Key (phone)=(0912345678)'), {
      code: 'P2010',
      meta: { message: 'Key (phone)=(0912345678) already exists' },
    });
    const error = new Error('request failed', { cause: driverError });
    const line = logged((logger) => logger.error({ err: error }, 'request failed'));

    expect(line.err).toMatchObject({
      type: 'Error',
      message: 'request failed',
      cause: { type: 'Error', code: 'P2010', message: 'Raw query failed. Code: `23505`. Key (phone)=([value])' },
    });
    expect(JSON.stringify(line)).not.toContain('0912345678');
    expect(JSON.stringify(line)).not.toContain('meta');
  });
});

describe('urlForLog', () => {
  it.each([
    // A record's id whose last group holds nine digits in a row stays as it is (a run once lost such a line).
    ['/persons/1a04f07e-dcab-4e17-bd90-6bd396758255', '/persons/1a04f07e-dcab-4e17-bd90-6bd396758255'],
    ['/cases/001099012345', '/cases/[number]'],
    ['/cases/Nguy%E1%BB%85n%20V%C4%83n%20A', '/cases/[encoded]'],
    ['/cases?citizenId=001099012345&name=An', '/cases?citizenId&name'],
  ])('logs %j as %j', (url, expected) => {
    expect(urlForLog(url)).toBe(expected);
  });
});

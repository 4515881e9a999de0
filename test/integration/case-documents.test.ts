import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import request from 'supertest';
import { findOrphanDocuments, removeOrphanDocuments } from '../../db/document-orphans';
import { vietnamDate } from '../../domain/time/legal-date';
import { binaryBody } from '../support/binary-body';
import { startApiHarness } from '../support/api-harness';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { testTmpRoot } from '../support/test-env';

/**
 * Case documents through the real API: the type is read from the bytes, the size is limited,
 * nothing refused is stored, and every download is audited like a case read.
 */
jest.setTimeout(120_000);

let stack: CaseStack;
let province: TestProvince;
const users = { police: '', coordinator: '', otherCommune: '', doctor: '' };
let caseRef = '';
// The harness keeps documents here, with a limit of 1 MiB (test/support/api-harness.ts).
const storeDir = () => join(testTmpRoot(), 'documents');
const MAX_BYTES = 1024 * 1024;

beforeAll(async () => {
  stack = await startCaseStack('case-documents');
  province = await createTestProvince(stack.api.db, 'documents');
  const elsewhere = await province.addCommune('X2');
  users.police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
  users.coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  users.otherCommune = await province.addUser(elsewhere.communePolice, ['COMMUNE_POLICE_OFFICER']);
  users.doctor = await province.addUser(province.agency.medicalFacility, ['DOCTOR']);
  ({ caseRef } = await stack.driver.openCase(users.police, {
    jurisdictionId: province.communeId,
    residenceJurisdictionId: province.communeId,
    groundsFoundOn: vietnamDate(),
  }));
});
afterAll(async () => {
  await stack?.close();
});

/** A real one-page PDF, with a correct cross-reference table. */
function smallPdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 20 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = objects.map((body, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A real 2×2 RGB PNG: signature, IHDR, IDAT, IEND, each chunk with its CRC. */
function smallPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  // Each row: filter byte 0, then two red / green / blue / white pixels.
  const pixels = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const auth = async (user: string) => `Bearer ${await stack.driver.token(user)}`;

async function upload(
  user: string,
  bytes: Buffer,
  contentType: string | undefined,
  fileName = 'tai-lieu.pdf',
) {
  const query = new URLSearchParams({ kind: 'VIOLATION_RECORD', title: 'Biên bản vi phạm', fileName });
  const call = request(stack.api.app)
    .post(`/cases/${caseRef}/documents?${query}`)
    .set('Authorization', await auth(user));
  if (contentType !== undefined) call.set('Content-Type', contentType);
  return call.send(bytes);
}

async function download(user: string, documentId: string) {
  return request(stack.api.app)
    .get(`/cases/${caseRef}/documents/${documentId}`)
    .set('Authorization', await auth(user))
    .buffer(true)
    .parse(binaryBody);
}

/** What is stored: the case's document rows and the files in the store. */
async function stored() {
  const rows = await stack.api.db.caseDocument.count({ where: { caseId: caseRef } });
  const files = existsSync(storeDir()) ? (await readdir(storeDir())).length : 0;
  return { rows, files };
}

const userId = async (username: string) =>
  (await stack.api.db.user.findUniqueOrThrow({ where: { username } })).id;

const readAudits = (documentId: string) =>
  stack.api.db.auditEvent.findMany({
    where: { action: 'document.read', subjectId: documentId },
    orderBy: { id: 'asc' },
  });

describe('upload and download', () => {
  it('stores a real PDF and a real PNG under the type found in their bytes, and gives them back byte for byte', async () => {
    const pdf = smallPdf('Bien ban so 12');
    const png = smallPng();
    const pdfUpload = await upload(users.police, pdf, 'application/pdf', 'Biên bản "số" 12.pdf');
    expect([pdfUpload.status, pdfUpload.body.contentType, pdfUpload.body.sha256]).toEqual([
      201,
      'application/pdf',
      sha256(pdf),
    ]);
    // A browser sends application/octet-stream for a file it cannot name: the bytes decide.
    const pngUpload = await upload(users.police, png, 'application/octet-stream', 'anh.png');
    expect([pngUpload.status, pngUpload.body.contentType, pngUpload.body.sizeBytes]).toEqual([
      201,
      'image/png',
      png.length,
    ]);

    for (const [id, bytes, type] of [
      [pdfUpload.body.id as string, pdf, 'application/pdf'],
      [pngUpload.body.id as string, png, 'image/png'],
    ] as const) {
      const row = await stack.api.db.caseDocument.findUniqueOrThrow({ where: { id } });
      expect([row.contentType, row.sizeBytes, row.sha256]).toEqual([type, bytes.length, sha256(bytes)]);
      const response = await download(users.police, id);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe(type);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-disposition']).toMatch(/^attachment; /);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(Buffer.compare(response.body as Buffer, bytes)).toBe(0);
    }
    const pdfDownload = await download(users.police, pdfUpload.body.id as string);
    // The Vietnamese name survives (RFC 5987), with a plain ASCII fallback and no quote inside the quotes.
    expect(pdfDownload.headers['content-disposition']).toBe(
      `attachment; filename="Bi_n b_n _s__ 12.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20%22s%E1%BB%91%22%2012.pdf`,
    );
  });

  it('audits each upload, without the title or file name', async () => {
    const pdf = smallPdf('Audit upload');
    const response = await upload(users.police, pdf, 'application/pdf', 'Nguyen Van A.pdf');
    expect(response.status).toBe(201);
    const audits = await stack.api.db.auditEvent.findMany({
      where: { action: 'document.uploaded', subjectId: response.body.id },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: await userId(users.police),
      actorAgencyId: province.agency.communePolice,
      subjectType: 'case_document',
      jurisdictionId: province.communeId,
      details: {
        caseRef,
        kind: 'VIOLATION_RECORD',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: sha256(pdf),
      },
    });
    expect(audits[0]?.requestId).toBe(response.headers['x-request-id']);
    expect(JSON.stringify(audits[0]?.details)).not.toMatch(/Nguyen|Biên/);
  });
});

describe('refused uploads store nothing', () => {
  const refused = async (bytes: Buffer, contentType: string | undefined, status: number, code: string) => {
    const before = await stored();
    const response = await upload(users.police, bytes, contentType);
    expect([response.status, response.body.code]).toEqual([status, code]);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await stored()).toEqual(before);
    expect(existsSync(join(storeDir(), sha256(bytes)))).toBe(false);
    return response.body as Record<string, unknown>;
  };

  it('refuses a PNG declared as a PDF, naming both types', async () => {
    const png = Buffer.concat([smallPng(), Buffer.from('mismatch')]);
    const problem = await refused(png, 'application/pdf', 415, 'DOCUMENT.TYPE_MISMATCH');
    expect(problem).toMatchObject({ declaredType: 'application/pdf', detectedType: 'image/png' });
    expect(problem.detail).toBe(
      'Tệp được khai là application/pdf nhưng nội dung là image/png. Hãy gửi lại với đúng định dạng. Tệp không được lưu.',
    );
    expect(problem.detailEn).toBe(
      'The file is declared as application/pdf but its content is image/png. Send it again with its real type. Nothing was stored.',
    );
  });

  it('refuses HTML and an executable declared as images, and bytes of no accepted type at all', async () => {
    const html = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/cases")</script></body></html>');
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0]),
      Buffer.from('This program cannot be run in DOS mode.'),
    ]);
    const problem = await refused(html, 'image/png', 415, 'DOCUMENT.UNRECOGNISED_CONTENT');
    expect(problem.detailEn).toBe(
      "The file's content is not PDF, JPEG, PNG as declared (image/png): its first bytes match none of them. Nothing was stored.",
    );
    await refused(exe, 'image/jpeg', 415, 'DOCUMENT.UNRECOGNISED_CONTENT');
    await refused(exe, undefined, 415, 'DOCUMENT.UNRECOGNISED_CONTENT');
    // A type that is not accepted is refused before the body is read, as before.
    await refused(html, 'text/html', 415, 'DOCUMENT.UNSUPPORTED_TYPE');
  });

  it('refuses a file name with a control character or a path, storing nothing', async () => {
    const before = await stored();
    for (const fileName of ['bien-ban\n.pdf', 'a\u0007b.pdf', 'a\u007fb.pdf', '../bb.pdf']) {
      const response = await upload(users.police, smallPdf('name'), 'application/pdf', fileName);
      expect([response.status, response.body.code, response.body.errors?.[0]?.field]).toEqual([400, 'REQUEST.INVALID', 'query.fileName']);
    }
    expect(await stored()).toEqual(before);
  });

  it('answers an empty body with 400', async () => {
    const problem = await refused(Buffer.alloc(0), 'application/pdf', 400, 'REQUEST.INVALID');
    expect(problem.errors).toEqual([{ field: 'body', message: 'Tệp rỗng', messageEn: 'The file is empty' }]);
  });

  it('answers a body over the limit with 413 naming the limit, when its length is announced', async () => {
    const oversize = Buffer.concat([smallPdf('big'), Buffer.alloc(MAX_BYTES)]);
    const problem = await refused(oversize, 'application/pdf', 413, 'REQUEST.TOO_LARGE');
    expect(problem).toMatchObject({
      maxBytes: MAX_BYTES,
      detail: `Tệp vượt quá dung lượng tối đa cho phép là 1 MiB (${MAX_BYTES} byte). Tệp không được lưu.`,
      detailEn: `The file exceeds the largest size accepted, 1 MiB (${MAX_BYTES} bytes). Nothing was stored.`,
    });
  });

  it('answers a streamed body (no Content-Length) over the limit with 413, without a reset or a hang', async () => {
    const server = stack.api.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const before = await stored();
    try {
      const authorization = await auth(users.police);
      const query = new URLSearchParams({ kind: 'OTHER', title: 'Tệp lớn', fileName: 'lon.png' });
      const answer = await new Promise<{ status: number; body: Record<string, unknown> }>(
        (resolve, reject) => {
          const req = http.request(
            {
              host: '127.0.0.1',
              port,
              method: 'POST',
              path: `/cases/${caseRef}/documents?${query}`,
              headers: {
                Authorization: authorization,
                'Content-Type': 'image/png',
                'Transfer-Encoding': 'chunked',
              },
            },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
              );
            },
          );
          req.on('error', reject);
          const piece = Buffer.alloc(64 * 1024, 0x41);
          let sent = 0;
          req.write(smallPng());
          const pump = () => {
            while (sent < 3 * MAX_BYTES) {
              sent += piece.length;
              if (!req.write(piece)) {
                req.once('drain', pump);
                return;
              }
            }
            req.end();
          };
          pump();
        },
      );
      expect([answer.status, answer.body.code, answer.body.maxBytes]).toEqual([
        413,
        'REQUEST.TOO_LARGE',
        MAX_BYTES,
      ]);
      expect(await stored()).toEqual(before);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('takes its limit from the setting (DOCUMENT_MAX_BYTES)', async () => {
    const directory = await mkdtemp(join(testTmpRoot(), 'documents-small-'));
    const small = await startApiHarness({ documentMaxBytes: 4096, documentStoreDir: directory });
    try {
      const token = `Bearer ${await small.tokenFor(users.police)}`;
      const send = (bytes: Buffer) =>
        request(small.app)
          .post(`/cases/${caseRef}/documents?kind=OTHER&title=T&fileName=t.pdf`)
          .set('Authorization', token)
          .set('Content-Type', 'application/pdf')
          .send(bytes);
      const fits = smallPdf('fits');
      const tooBig = Buffer.concat([fits, Buffer.alloc(4096)]);
      const refusal = await send(tooBig);
      expect([refusal.status, refusal.body.maxBytes, refusal.body.detailEn]).toEqual([
        413,
        4096,
        'The file exceeds the largest size accepted, 4 KiB (4096 bytes). Nothing was stored.',
      ]);
      expect(await readdir(directory)).toEqual([]);
      expect((await send(fits)).status).toBe(201);
      expect(await readdir(directory)).toEqual([sha256(fits)]);
    } finally {
      await small.close();
    }
  });
});

describe('files no document points at', () => {
  it('finds and removes the store’s old orphans (a record never written, a half-written part), never a document’s file or a fresh one', async () => {
    const kept = smallPdf('kept');
    const uploaded = await upload(users.police, kept, 'application/pdf');
    expect(uploaded.status).toBe(201);
    const hoursAgo = (file: string, hours: number) => utimesSync(file, new Date(Date.now() - hours * 3_600_000), new Date(Date.now() - hours * 3_600_000));
    const stray = createHash('sha256').update(`stray ${Date.now()}`).digest('hex');
    const part = `.${stray.slice(0, 8)}.part`;
    const fresh = createHash('sha256').update(`fresh ${Date.now()}`).digest('hex');
    for (const name of [stray, part, fresh]) writeFileSync(join(storeDir(), name), 'bytes without a record');
    hoursAgo(join(storeDir(), stray), 2);
    hoursAgo(join(storeDir(), part), 2);
    hoursAgo(join(storeDir(), sha256(kept)), 2); // a document's file, however old, is never an orphan

    const found = (await findOrphanDocuments(stack.api.db, storeDir())).map((orphan) => orphan.name);
    expect(found).toEqual(expect.arrayContaining([stray, part]));
    expect(found).not.toContain(fresh);
    expect(found).not.toContain(sha256(kept));

    const removed = (await removeOrphanDocuments(stack.api.db, storeDir())).map((orphan) => orphan.name);
    expect(removed).toEqual(expect.arrayContaining([stray, part]));
    expect([existsSync(join(storeDir(), stray)), existsSync(join(storeDir(), part)), existsSync(join(storeDir(), fresh))]).toEqual([false, false, true]);
    expect((await download(users.police, uploaded.body.id as string)).body.equals(kept)).toBe(true);
  });
});

describe('downloads are audited like a case read', () => {
  let documentId = '';
  beforeAll(async () => {
    const response = await upload(users.police, smallPdf('Audit read'), 'application/pdf');
    expect(response.status).toBe(201);
    documentId = response.body.id as string;
  });

  it('writes exactly one document.read row per download, naming the reader, the case and the kind', async () => {
    expect(await readAudits(documentId)).toHaveLength(0);
    const first = await download(users.coordinator, documentId);
    expect(first.status).toBe(200);
    const afterFirst = await readAudits(documentId);
    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0]).toMatchObject({
      actorUserId: await userId(users.coordinator),
      actorAgencyId: province.agency.drugDivision,
      subjectType: 'case_document',
      subjectId: documentId,
      jurisdictionId: province.communeId,
      requestId: first.headers['x-request-id'],
    });
    expect(afterFirst[0]?.details).toEqual({
      caseRef,
      kind: 'VIOLATION_RECORD',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const second = await download(users.police, documentId);
    expect(second.status).toBe(200);
    const afterSecond = await readAudits(documentId);
    expect(afterSecond).toHaveLength(2);
    expect(afterSecond[1]).toMatchObject({
      actorUserId: await userId(users.police),
      requestId: second.headers['x-request-id'],
    });
  });

  it('refuses a user of another commune with 403, and audits no read for them', async () => {
    const before = await readAudits(documentId);
    const response = await download(users.otherCommune, documentId);
    expect([response.status, JSON.parse((response.body as Buffer).toString()).code]).toEqual([
      403,
      'AUTH.OUTSIDE_JURISDICTION',
    ]);
    expect(await readAudits(documentId)).toEqual(before);
    const upload403 = await upload(users.otherCommune, smallPdf('elsewhere'), 'application/pdf');
    expect([upload403.status, upload403.body.code]).toEqual([403, 'AUTH.OUTSIDE_JURISDICTION']);
  });

  it('refuses a role the case’s procedure does not let read it, as the case page does', async () => {
    // A doctor reads addiction determinations, not compulsory-rehabilitation cases.
    expect(
      (
        await request(stack.api.app)
          .get(`/cases/${caseRef}`)
          .set('Authorization', await auth(users.doctor))
      ).status,
    ).toBe(403);
    const before = await readAudits(documentId);
    const response = await download(users.doctor, documentId);
    expect([response.status, JSON.parse((response.body as Buffer).toString()).code]).toEqual([
      403,
      'AUTH.ROLE_NOT_ALLOWED',
    ]);
    expect(await readAudits(documentId)).toEqual(before);
    const refusedUpload = await upload(users.doctor, smallPdf('doctor'), 'application/pdf');
    expect([refusedUpload.status, refusedUpload.body.code]).toEqual([403, 'AUTH.ROLE_NOT_ALLOWED']);
  });

  it('answers 404 for a document of another case, and audits nothing', async () => {
    const { caseRef: otherCase } = await stack.driver.openCase(users.police, {
      jurisdictionId: province.communeId,
      residenceJurisdictionId: province.communeId,
      groundsFoundOn: vietnamDate(),
    });
    const before = await readAudits(documentId);
    const response = await request(stack.api.app)
      .get(`/cases/${otherCase}/documents/${documentId}`)
      .set('Authorization', await auth(users.police));
    expect([response.status, response.body.code]).toEqual([404, 'RESOURCE.NOT_FOUND']);
    expect(await readAudits(documentId)).toEqual(before);
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/client';
import {
  DOCUMENT_TYPES,
  declaredMediaType,
  detectDocumentType,
  isDocumentType,
} from '../../domain/documents/document-type';
import type { Role } from '../../generated/prisma/enums';
import { procedureByCode } from '../../procedures/registry';
import { assertCovers } from '../auth/jurisdiction-guard';
import type { Principal } from '../auth/principal';
import { Problem, problems } from '../http/problem';
import { readBody } from '../http/raw-body';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { caseRefParams, documentParams, documentStoredView, documentUploadQuery } from './cases.schemas';

const ACCEPTED = 'PDF, JPEG, PNG';

/** Document bytes on disk, addressed by their sha256: outside Temporal and the database. */
export class DocumentStore {
  constructor(
    private readonly directory: string,
    readonly maxBytes: number,
  ) {}

  async put(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await mkdir(this.directory, { recursive: true });
    // Write then rename, so a crash never leaves a half-written file under the final name.
    const temporary = join(this.directory, `.${randomUUID()}.part`);
    await writeFile(temporary, bytes);
    await rename(temporary, join(this.directory, sha256));
    return sha256;
  }

  get(sha256: string): Promise<Buffer> {
    return readFile(join(this.directory, sha256));
  }
}

/** "20 MiB", "512 KiB", "900 byte": the limit as the person refused reads it. */
function sizeText(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 1) return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
  const kib = bytes / 1024;
  if (kib >= 1) return `${Number.isInteger(kib) ? kib : kib.toFixed(1)} KiB`;
  return `${bytes} byte`;
}

/** A declared type echoed back, cut short: the header is the caller's text. */
const shown = (mediaType: string) => (mediaType.length > 80 ? `${mediaType.slice(0, 80)}…` : mediaType);

const documentProblems = {
  tooLarge: (maxBytes: number) =>
    new Problem(
      413,
      'REQUEST.TOO_LARGE',
      { vi: 'Tệp quá lớn', en: 'File too large' },
      {
        vi: `Tệp vượt quá dung lượng tối đa cho phép là ${sizeText(maxBytes)} (${maxBytes} byte). Tệp không được lưu.`,
        en: `The file exceeds the largest size accepted, ${sizeText(maxBytes)} (${maxBytes} bytes). Nothing was stored.`,
      },
      { maxBytes },
    ),
  empty: () =>
    problems.invalidRequest([{ field: 'body', message: 'Tệp rỗng', messageEn: 'The file is empty' }]),
  unsupportedDeclared: (declared: string) =>
    new Problem(
      415,
      'DOCUMENT.UNSUPPORTED_TYPE',
      { vi: 'Định dạng tệp không được hỗ trợ', en: 'Unsupported file type' },
      {
        vi: `Tệp được khai là ${shown(declared)}; chỉ nhận ${ACCEPTED} (${DOCUMENT_TYPES.join(', ')}). Tệp không được lưu.`,
        en: `The file is declared as ${shown(declared)}; only ${ACCEPTED} (${DOCUMENT_TYPES.join(', ')}) are accepted. Nothing was stored.`,
      },
      { declaredType: shown(declared), acceptedTypes: DOCUMENT_TYPES },
    ),
  unrecognised: (declared: string | undefined) =>
    new Problem(
      415,
      'DOCUMENT.UNRECOGNISED_CONTENT',
      { vi: 'Nội dung tệp không được hỗ trợ', en: 'Unsupported file content' },
      {
        vi: `Nội dung tệp không phải ${ACCEPTED}${declared ? ` như đã khai (${shown(declared)})` : ''}: các byte đầu tệp không khớp định dạng nào trong số này. Tệp không được lưu.`,
        en: `The file's content is not ${ACCEPTED}${declared ? ` as declared (${shown(declared)})` : ''}: its first bytes match none of them. Nothing was stored.`,
      },
      { ...(declared ? { declaredType: shown(declared) } : {}), acceptedTypes: DOCUMENT_TYPES },
    ),
  mismatch: (declared: string, detected: string) =>
    new Problem(
      415,
      'DOCUMENT.TYPE_MISMATCH',
      { vi: 'Định dạng tệp không khớp', en: 'File type mismatch' },
      {
        vi: `Tệp được khai là ${declared} nhưng nội dung là ${detected}. Hãy gửi lại với đúng định dạng. Tệp không được lưu.`,
        en: `The file is declared as ${declared} but its content is ${detected}. Send it again with its real type. Nothing was stored.`,
      },
      { declaredType: declared, detectedType: detected },
    ),
};

/** A file name for Content-Disposition: an ASCII fallback, and the real name in RFC 5987 form. */
function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function registerCaseDocumentRoutes(
  routes: ApiRoutes,
  deps: {
    db: Db;
    directory: JurisdictionDirectory;
    documents: DocumentStore;
    loadCase: (caseRef: string) => Promise<{ id: string; jurisdictionId: string; procedure: string }>;
    readers: readonly Role[];
  },
): void {
  const { db, directory, documents, loadCase } = deps;

  /** The case's procedure names who may read it (a trafficking victim's record is stricter than a drug case). */
  function assertProcedureReader(principal: Principal, caseRow: { procedure: string }): void {
    const module = procedureByCode(caseRow.procedure);
    if (!module) throw new Error(`case procedure ${caseRow.procedure} is not registered`);
    const readers = module.definition.readBy;
    if (!principal.roles.some((role) => readers.includes(role))) throw problems.forbiddenRole(readers);
  }

  /** As for the case page (GET /cases/:caseRef): an agency covering the case, or the owner of one of its steps. */
  async function assertMayRead(
    principal: Principal,
    caseRow: { id: string; jurisdictionId: string; procedure: string },
  ) {
    assertProcedureReader(principal, caseRow);
    const owns = await db.step.findFirst({
      where: { caseRef: caseRow.id, ownerAgencyId: principal.agencyId },
      select: { id: true },
    });
    if (!owns) assertCovers(await directory.scope(), principal, caseRow.jurisdictionId);
  }

  routes.add({
    method: 'post',
    path: '/cases/:caseRef/documents',
    tag: 'Cases',
    summary: 'Upload a document to a case (raw body: PDF, JPEG or PNG)',
    description:
      'The metadata goes in the query; the bytes are stored outside Temporal and the database. ' +
      'The type is read from the bytes: a declared Content-Type (none, or application/octet-stream, lets the bytes decide) ' +
      'must agree with them. The size limit is DOCUMENT_MAX_BYTES. Every upload is written to the audit log.',
    access: { roles: deps.readers },
    params: caseRefParams,
    query: documentUploadQuery,
    responses: {
      201: { description: 'Stored; the id can be named in actions (documentIds)', schema: documentStoredView },
      404: { description: 'No such case' },
      413: { description: 'Larger than DOCUMENT_MAX_BYTES; nothing stored' },
      415: {
        description:
          'Not PDF, JPEG or PNG by its bytes (DOCUMENT.UNRECOGNISED_CONTENT), declared as another type (DOCUMENT.UNSUPPORTED_TYPE), ' +
          'or declared as one type while the bytes are another (DOCUMENT.TYPE_MISMATCH); nothing stored',
      },
    },
    handler: async ({ principal, params, query, req }) => {
      const caseRow = await loadCase(params.caseRef);
      assertProcedureReader(principal, caseRow);
      assertCovers(await directory.scope(), principal, caseRow.jurisdictionId);
      const declared = declaredMediaType(req.get('content-type'));
      // Refused before a byte is read (Node then drops the unread body itself).
      if (declared !== undefined && !isDocumentType(declared))
        throw documentProblems.unsupportedDeclared(declared);
      const announced = Number(req.get('content-length'));
      if (Number.isFinite(announced) && announced > documents.maxBytes)
        throw documentProblems.tooLarge(documents.maxBytes);
      const bytes = await readBody(req, documents.maxBytes, () => documentProblems.tooLarge(documents.maxBytes));
      if (bytes.length === 0) throw documentProblems.empty();
      const detected = detectDocumentType(bytes);
      if (!detected) throw documentProblems.unrecognised(declared);
      if (declared !== undefined && declared !== detected)
        throw documentProblems.mismatch(declared, detected);

      const sha256 = await documents.put(bytes);
      const id = randomUUID();
      await db.$transaction([
        db.caseDocument.create({
          data: {
            id,
            caseId: caseRow.id,
            kind: query.kind,
            title: query.title,
            fileName: query.fileName,
            contentType: detected,
            sizeBytes: bytes.length,
            sha256,
            uploadedBy: principal.userId,
          },
        }),
        db.auditEvent.create({
          data: {
            action: 'document.uploaded',
            actorUserId: principal.userId,
            actorAgencyId: principal.agencyId,
            subjectType: 'case_document',
            subjectId: id,
            jurisdictionId: caseRow.jurisdictionId,
            requestId: String(req.id),
            // Not the title or file name: free text that often names the person.
            details: {
              caseRef: caseRow.id,
              kind: query.kind,
              contentType: detected,
              sizeBytes: bytes.length,
              sha256,
            },
          },
        }),
      ]);
      return { status: 201, body: { id, sha256, sizeBytes: bytes.length, contentType: detected } };
    },
  });

  routes.add({
    method: 'get',
    path: '/cases/:caseRef/documents/:documentId',
    tag: 'Cases',
    summary: 'Download a case document',
    description:
      'Who may read the case page may download its documents. Sent as an attachment with the type found at upload. ' +
      'Every download is written to the audit log (sensitive personal data, Decree 13/2023).',
    access: { roles: deps.readers },
    params: documentParams,
    responses: {
      200: { description: 'The file, as an attachment, with the type found at upload', files: DOCUMENT_TYPES },
      404: { description: 'No such case, or no such document in it' },
    },
    handler: async ({ principal, params, req }) => {
      const caseRow = await loadCase(params.caseRef);
      await assertMayRead(principal, caseRow);
      const row = await db.caseDocument.findFirst({ where: { id: params.documentId, caseId: caseRow.id } });
      if (!row) throw problems.notFound({ vi: 'Không có tài liệu này.', en: 'No such document.' });
      const bytes = await documents.get(row.sha256);
      await db.auditEvent.create({
        data: {
          action: 'document.read',
          actorUserId: principal.userId,
          actorAgencyId: principal.agencyId,
          subjectType: 'case_document',
          subjectId: row.id,
          jurisdictionId: caseRow.jurisdictionId,
          requestId: String(req.id),
          // Not the title or file name: free text that often names the person.
          details: { caseRef: caseRow.id, kind: row.kind, sha256: row.sha256 },
        },
      });
      return {
        status: 200,
        raw: bytes,
        headers: {
          'Content-Type': row.contentType,
          'Content-Disposition': contentDisposition(row.fileName),
          // Set here as well as by helmet: a download must never be sniffed into something runnable.
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'private, no-store',
        },
      };
    },
  });
}

import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request } from 'express';
import type { Db } from '../../db/client';
import type { Role } from '../../generated/prisma/enums';
import { assertCovers } from '../auth/jurisdiction-guard';
import { Problem, problems } from '../http/problem';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { caseRefParams, documentParams, documentUploadQuery } from './cases.schemas';

const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

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

async function readBody(req: Request, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw problems.payloadTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function registerCaseDocumentRoutes(
  routes: ApiRoutes,
  deps: {
    db: Db;
    directory: JurisdictionDirectory;
    documents: DocumentStore;
    loadCase: (caseRef: string) => Promise<{ id: string; jurisdictionId: string }>;
    readers: readonly Role[];
  },
): void {
  const { db, directory, documents, loadCase } = deps;

  routes.add({
    method: 'post',
    path: '/cases/:caseRef/documents',
    tag: 'Cases',
    summary: 'Upload a document to a case (raw body: PDF, JPEG or PNG)',
    description: 'The metadata goes in the query; the bytes are stored outside Temporal and the database.',
    access: { roles: deps.readers },
    params: caseRefParams,
    query: documentUploadQuery,
    responses: { 201: { description: 'Stored; the id can be named in actions (documentIds)' } },
    handler: async ({ principal, params, query, req }) => {
      const caseRow = await loadCase(params.caseRef);
      assertCovers(await directory.scope(), principal, caseRow.jurisdictionId);
      const contentType = (req.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      if (!ALLOWED_TYPES.includes(contentType))
        throw new Problem(
          415,
          'DOCUMENT.UNSUPPORTED_TYPE',
          { vi: 'Định dạng tệp không được hỗ trợ', en: 'Unsupported file type' },
          {
            vi: `Chỉ nhận ${ALLOWED_TYPES.join(', ')}.`,
            en: `Only ${ALLOWED_TYPES.join(', ')} are accepted.`,
          },
        );
      const bytes = await readBody(req, documents.maxBytes);
      if (bytes.length === 0)
        throw problems.invalidRequest([{ field: 'body', message: 'Tệp rỗng', messageEn: 'The file is empty' }]);
      const sha256 = await documents.put(bytes);
      const row = await db.caseDocument.create({
        data: {
          caseId: caseRow.id,
          kind: query.kind,
          title: query.title,
          fileName: query.fileName,
          contentType,
          sizeBytes: bytes.length,
          sha256,
          uploadedBy: principal.userId,
        },
      });
      return { status: 201, body: { id: row.id, sha256, sizeBytes: bytes.length } };
    },
  });

  routes.add({
    method: 'get',
    path: '/cases/:caseRef/documents/:documentId',
    tag: 'Cases',
    summary: 'Download a case document',
    access: { roles: deps.readers },
    params: documentParams,
    responses: { 200: { description: 'The file' } },
    handler: async ({ principal, params }) => {
      const caseRow = await loadCase(params.caseRef);
      assertCovers(await directory.scope(), principal, caseRow.jurisdictionId);
      const row = await db.caseDocument.findFirst({ where: { id: params.documentId, caseId: caseRow.id } });
      if (!row) throw problems.notFound({ vi: 'Không có tài liệu này.', en: 'No such document.' });
      const bytes = await documents.get(row.sha256);
      return {
        status: 200,
        raw: bytes,
        headers: {
          'Content-Type': row.contentType,
          'Content-Disposition': `attachment; filename="${encodeURIComponent(row.fileName)}"`,
        },
      };
    },
  });
}

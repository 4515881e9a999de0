import { Context } from '@temporalio/activity';
import pLimit from 'p-limit';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { Prisma } from '../generated/prisma/client';
import { procedureByCode } from '../procedures/registry';
import { newCaseRef, pastActsInput, startCase } from '../temporal/case-start';
import type { CaseActionBase } from '../workflows/cases/case-contract';
import { columnOf, contentHashOf } from './caseload-row';
import { IMPORT_ROW_ATTEMPTS } from './caseload-import-contract';

/** The client that starts the cases' workflows, on the engine's task queue. */
export interface CaseStarter {
  client: Client;
  taskQueue: string;
}


/** How many rows of an import one activity opens at once. */
const ROWS_AT_ONCE = 20;

/**
 * The caseload import's activities (issue #18). A row is opened at most once whatever is
 * retried: its key is claimed with the case reference (one insert, or the earlier claim found)
 * before the workflow starts, the case's workflow id is that reference (a second start finds the first), and the
 * row's outcome is written after the case is ready; a crash between any two of these repeats
 * only what is idempotent.
 */
export function createCaseloadImportActivities(db: Db, starter: CaseStarter | undefined) {
  type ImportRow = Awaited<ReturnType<typeof db.caseloadImportRow.findMany>>[number];
  interface ImportContext {
    importId: string;
    provinceId: string;
    actor: { userId: string; agencyId: string };
  }

  /** The row's case reference: claimed with its key, or the one an earlier attempt claimed. */
  async function claim(context: ImportContext, row: ImportRow, legalDate: string, hash: string) {
    const module = procedureByCode(row.procedure) as NonNullable<ReturnType<typeof procedureByCode>>;
    const where = { provinceId_procedure_rowKey: { provinceId: context.provinceId, procedure: row.procedure, rowKey: row.rowKey } };
    const caseRef = await newCaseRef(db, module, context.provinceId, legalDate);
    const created = await db.caseloadRowKey.createMany({
      data: [{ provinceId: context.provinceId, procedure: row.procedure, rowKey: row.rowKey, caseRef, importId: context.importId, contentHash: hash }],
      skipDuplicates: true,
    });
    return created.count === 1 ? { caseRef, importId: context.importId } : db.caseloadRowKey.findUniqueOrThrow({ where });
  }

  async function openRow(context: ImportContext, row: ImportRow): Promise<void> {
    const { importId } = context;
    const seq = row.seq;
    const module = procedureByCode(row.procedure);
    const opening = module?.opening;
    if (!module || !opening || !starter) throw new Error(`the import cannot open procedure ${row.procedure}`);
    const body = row.body as Record<string, unknown>;
    const claimed = await claim(context, row, opening.legalDateOf(body).date, contentHashOf(body));
    if (claimed.importId !== importId) {
      // Another import opened this row meanwhile (the same file sent twice at once).
      await db.caseloadImportRow.update({
        where: { importId_seq: { importId, seq } },
        data: { status: 'SKIPPED', caseRef: claimed.caseRef, body: Prisma.DbNull, cells: Prisma.DbNull },
      });
      return;
    }
    const { caseRef } = claimed;
    const actor = context.actor;
    const pastActs = pastActsInput(body.pastActs as { action: CaseActionBase; onPaperBy?: string }[] | undefined, actor);
    const input = { ...(opening.toInput(body, { caseRef, actor }) as object), ...(pastActs.length > 0 ? { pastActs } : {}) };
    const snapshot = await startCase(starter.client, starter.taskQueue, module, caseRef, input, opening.jurisdictionOf(body));
    const refused = snapshot.pastActs?.refused;
    const sheet = module.caseload;
    await db.caseloadImportRow.update({
      where: { importId_seq: { importId, seq } },
      data: {
        status: refused ? 'PARTLY' : 'OPENED',
        caseRef,
        phase: snapshot.phase,
        body: Prisma.DbNull,
        problems: refused
          ? [
              {
                column: sheet ? columnOf(sheet, body, `pastActs.${refused.index}.on`) : '',
                message: `Hồ sơ ${caseRef} đã mở đến bước trước đó; bước này không ghi được: ${refused.reason}. Ghi tiếp trên trang hồ sơ.`,
                messageEn: `Case ${caseRef} was opened up to the step before; this step could not be recorded: ${refused.reason}. Continue on the case page.`,
              },
            ]
          : undefined,
        // Kept for a row given back with its reasons; an opened row's cells are no longer needed.
        ...(refused ? {} : { cells: Prisma.DbNull }),
      },
    });
  }

  return {
    /** The rows still to open, in the file's order (after a crash: those not yet opened). */
    async pendingImportRows(importId: string): Promise<number[]> {
      const rows = await db.caseloadImportRow.findMany({ where: { importId, status: 'PENDING' }, select: { seq: true }, orderBy: { seq: 'asc' } });
      return rows.map((row) => row.seq);
    },

    /**
     * Opens a batch of rows, a few at a time. A row that fails is retried with the batch (it
     * opens once); after the last attempt it is marked FAILED with the reason, so one bad row
     * never holds the rest of the import.
     */
    async openImportRows({ importId, seqs }: { importId: string; seqs: number[] }): Promise<void> {
      const lastAttempt = Context.current().info.attempt >= IMPORT_ROW_ATTEMPTS;
      const upload = await db.caseloadImport.findUniqueOrThrow({ where: { id: importId }, include: { creator: { select: { id: true, agencyId: true } } } });
      const context: ImportContext = { importId, provinceId: upload.provinceId, actor: { userId: upload.creator.id, agencyId: upload.creator.agencyId } };
      const rows = await db.caseloadImportRow.findMany({ where: { importId, seq: { in: seqs }, status: 'PENDING' }, orderBy: { seq: 'asc' } });
      // A few rows at once, each next one started as soon as one is done (a slow row holds no others).
      const limit = pLimit(ROWS_AT_ONCE);
      let done = 0;
      const outcomes = await Promise.allSettled(
        rows.map((row) =>
          limit(async () => {
            await openRow(context, row);
            Context.current().heartbeat((done += 1));
          }),
        ),
      );
      let failure: unknown;
      for (const [index, outcome] of outcomes.entries()) {
        if (outcome.status === 'fulfilled') continue;
        if (!lastAttempt) failure ??= outcome.reason;
        else
          await db.caseloadImportRow.updateMany({
            where: { importId, seq: rows[index]?.seq, status: 'PENDING' },
            data: {
              status: 'FAILED',
              body: Prisma.DbNull,
              problems: [{ column: '', message: `Không mở được hồ sơ: ${String(outcome.reason)}`, messageEn: `The case could not be opened: ${String(outcome.reason)}` }],
            },
          });
      }
      if (failure !== undefined) throw failure;
    },

    async finishImport(importId: string): Promise<void> {
      await db.caseloadImport.updateMany({ where: { id: importId, status: 'RUNNING' }, data: { status: 'DONE', finishedAt: new Date() } });
    },
  };
}

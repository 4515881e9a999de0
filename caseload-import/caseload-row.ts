import { createHash } from 'node:crypto';
import { COMMUNE_COLUMN, PERSON_COLUMNS, ROW_KEY_HEADING, type CaseloadColumn, type CaseloadSheet } from '../procedures/caseload-sheet';
import { cellValue, normalised, type RawCell } from './cell-values';

/** A problem of one row, named by its column's heading. */
export interface RowProblem {
  column: string;
  message: string;
  messageEn: string;
}

/** A field the checks downstream name (`body.person.birthDate`, `body.pastActs.1.action.months`). */
export interface FieldProblem {
  field: string;
  message: string;
  messageEn: string;
}

export type UnitLookup = (text: string) => { id: string } | { problem: { vi: string; en: string } };

/** Every heading of a sheet, in the template's order: the key, the commune, the person, the opening, then each step's. */
export function sheetColumns(sheet: CaseloadSheet): CaseloadColumn[] {
  const columns: CaseloadColumn[] = [
    { heading: ROW_KEY_HEADING, path: 'rowKey', kind: 'text', hint: 'Số của hồ sơ trong sổ; không trùng' },
    COMMUNE_COLUMN,
    ...(sheet.person ? PERSON_COLUMNS : []),
    ...sheet.opening,
  ];
  for (const step of sheet.steps) {
    columns.push({ heading: step.date, path: `${step.action}.on`, kind: 'date' });
    for (const column of step.columns ?? []) columns.push({ ...column, path: `${step.action}.${column.path}` });
    if (step.by) columns.push({ heading: step.by, path: `${step.action}.by`, kind: 'text', hint: 'Họ tên người thực hiện trên giấy' });
  }
  const seen = new Set<string>();
  return columns.filter((column) => !seen.has(column.heading) && seen.add(column.heading));
}

/** The headings a sheet cannot do without. */
export function requiredHeadings(sheet: CaseloadSheet): string[] {
  return [ROW_KEY_HEADING, COMMUNE_COLUMN.heading, ...(sheet.person ? PERSON_COLUMNS.slice(0, 2).map((c) => c.heading) : []), ...sheet.opening.map((c) => c.heading)];
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  for (const [index, part] of parts.slice(0, -1).entries()) {
    const nextIsIndex = /^\d+$/.test(parts[index + 1] ?? '');
    node[part] ??= nextIsIndex ? [] : {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1) as string] = value;
}

/**
 * One row of a sheet as the body of `POST /cases`: the opening's fields and the acts whose date
 * is filled, in the sheet's order, each with the official named on paper. Only what the cells
 * themselves say is checked here (a date that is no date, a choice not in the list, a step's
 * details without its date, dates out of order); the procedure's schemas and the opening's
 * checks run on the body afterwards, and `columnOf` names their problems' columns.
 */
export function rowToBody(
  procedure: string,
  sheet: CaseloadSheet,
  cells: ReadonlyMap<string, RawCell>,
  unitOf: UnitLookup,
): { rowKey: string; body: Record<string, unknown>; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const cell = (heading: string): RawCell => cells.get(normalised(heading)) ?? null;
  const read = (column: CaseloadColumn): unknown => {
    const result = cellValue(column.kind, cell(column.heading), unitOf);
    if ('problem' in result) problems.push({ column: column.heading, message: result.problem.vi, messageEn: result.problem.en });
    return 'value' in result ? result.value : undefined;
  };
  const rowKey = String(read({ heading: ROW_KEY_HEADING, path: 'rowKey', kind: 'text' }) ?? '');
  if (rowKey === '') problems.push({ column: ROW_KEY_HEADING, message: 'Bắt buộc: mỗi dòng cần một mã không trùng', messageEn: 'Required: every row needs a key of its own' });
  else if (rowKey.length > 100) problems.push({ column: ROW_KEY_HEADING, message: 'Tối đa 100 ký tự', messageEn: 'At most 100 characters' });

  const body: Record<string, unknown> = { procedure };
  for (const column of [COMMUNE_COLUMN, ...(sheet.person ? PERSON_COLUMNS : []), ...sheet.opening]) {
    const value = read(column);
    if (value !== undefined) setPath(body, column.path, value);
  }

  const pastActs: { action: Record<string, unknown>; onPaperBy?: string }[] = [];
  const anyOrder: typeof pastActs = [];
  let previous: { heading: string; on: string } | undefined;
  for (const step of sheet.steps) {
    const dateColumn: CaseloadColumn = { heading: step.date, path: 'on', kind: 'date' };
    const on = read(dateColumn) as string | undefined;
    const details = step.columns ?? [];
    if (on === undefined) {
      const orphan = [...details.map((c) => c.heading), ...(step.by ? [step.by] : [])].filter((heading) => cell(heading) !== null && String(cell(heading)).trim() !== '');
      // A column shared by two alternative steps (the months of a decision or of an admission) belongs to the one dated.
      const shared = new Set(sheet.steps.filter((other) => other !== step && cell(other.date) !== null).flatMap((other) => [...(other.columns ?? []).map((c) => c.heading), other.by]));
      const own = orphan.filter((heading) => !shared.has(heading));
      if (own.length > 0 && cell(step.date) === null)
        problems.push({
          column: step.date,
          message: `Thiếu ngày, trong khi đã ghi: ${own.join(', ')}`,
          messageEn: `The date is missing although these are filled: ${own.join(', ')}`,
        });
      continue;
    }
    if (!step.anyOrder && previous && on < previous.on)
      problems.push({
        column: step.date,
        message: `Ngày này trước "${previous.heading}" (${previous.on}): các bước phải theo thứ tự`,
        messageEn: `This date is before "${previous.heading}" (${previous.on}): steps must be in order`,
      });
    if (!step.anyOrder) previous = { heading: step.date, on };
    const action: Record<string, unknown> = { type: step.action, on, ...step.fixed };
    for (const column of details) {
      const value = read(column);
      if (value !== undefined) setPath(action, column.path, value);
    }
    const by = step.by ? (read({ heading: step.by, path: 'by', kind: 'text' }) as string | undefined) : undefined;
    (step.anyOrder ? anyOrder : pastActs).push({ action, ...(by ? { onPaperBy: by } : {}) });
  }
  // After the acts of the same day or earlier: the case records them in the order they happened.
  for (const act of anyOrder) {
    let at = pastActs.length;
    while (at > 0 && String(pastActs[at - 1]?.action.on) > String(act.action.on)) at -= 1;
    pastActs.splice(at, 0, act);
  }
  if (pastActs.length > 0) body.pastActs = pastActs;
  return { rowKey, body, problems };
}

/**
 * The column a checked field comes from: `body.person.birthDate` → "Ngày sinh",
 * `body.pastActs.1.action.months` → the months of the row's second act. A field no column fills
 * (an object the sheet builds) is named by its nearest column, else the step's date.
 */
export function columnOf(sheet: CaseloadSheet, body: Record<string, unknown>, field: string): string {
  const path = field.replace(/^body\.?/, '');
  const act = /^pastActs\.(\d+)\.(?:action\.)?(.*)$/.exec(path);
  if (act) {
    const action = ((body.pastActs as { action: { type: string } }[] | undefined)?.[Number(act[1])]?.action.type) ?? '';
    const step = sheet.steps.find((candidate) => candidate.action === action);
    if (!step) return ROW_KEY_HEADING;
    const inner = act[2] ?? '';
    if (inner === 'on' || inner === '' || inner === 'type') return step.date;
    const column = (step.columns ?? []).find((c) => c.path === inner) ?? (step.columns ?? []).find((c) => c.path.startsWith(`${inner}.`) || inner.startsWith(`${c.path}.`));
    return column?.heading ?? step.date;
  }
  const opening = [COMMUNE_COLUMN, ...(sheet.person ? PERSON_COLUMNS : []), ...sheet.opening];
  const column = opening.find((c) => c.path === path) ?? opening.find((c) => c.path.startsWith(`${path}.`) || path.startsWith(`${c.path}.`));
  return column?.heading ?? opening[0]?.heading ?? ROW_KEY_HEADING;
}

/** JSON with its keys sorted at every level: the same body hashes the same after a trip through jsonb. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]))
      : value;

/** The fingerprint of a row's body: a later file whose row says something else is told so. */
export const contentHashOf = (body: unknown): string => createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');

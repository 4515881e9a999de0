/**
 * How a procedure's running cases are read from the spreadsheets provinces keep (issue #18): one
 * sheet per procedure, one row a person and case, Vietnamese headings. A column fills one field
 * of the opening body or of an act's body (its `path`); a row's acts are the steps whose date is
 * filled, recorded in the sheet's order as acts done on paper (`pastActs`), so the case opens at
 * the phase its dates say with only its current step open. The schemas of the opening and of the
 * actions still decide what is valid: the sheet only says where each value comes from.
 */

/** What a cell holds. */
export type CellKind =
  | 'text'
  /** A 12-digit citizen identity number (a number cell gets back the leading zeros Excel dropped). */
  | 'citizenId'
  /** An Excel date cell, an Excel serial number or dd/mm/yyyy text (yyyy-mm-dd too). */
  | 'date'
  | 'integer'
  /** Có / Không (yes / no). */
  | 'yesNo'
  /** A unit of the registry: its code or its name. */
  | 'unit'
  /** One choice by its Vietnamese label or its code (label → code); `many`: several, separated by commas. */
  | { choices: Readonly<Record<string, string>>; many?: true };

export interface CaseloadColumn {
  /** The heading, as it is written in row 1. */
  heading: string;
  /** The field it fills, dotted (`person.birthDate`, `interimArrangement.kind`). */
  path: string;
  kind: CellKind;
  /** What the template's guide says beside the heading (values allowed, when to fill it). */
  hint?: string;
}

/** An act of the procedure, recorded when its date column is filled. */
export interface CaseloadStep {
  /** The action's type. */
  action: string;
  /** Its date (`on`). */
  date: string;
  /** Its other fields. */
  columns?: readonly CaseloadColumn[];
  /** Fields the sheet does not ask for (an act's single outcome a running case implies). */
  fixed?: Readonly<Record<string, unknown>>;
  /** The official who did it on paper (kept as a name: they need not be a user). */
  by?: string;
  /**
   * A step that may happen at any point of the others (a child's representative arranged at
   * reception or after the verification): recorded among them by its date, not its column's place.
   */
  anyOrder?: true;
}

export interface CaseloadSheet {
  /** The sheet's name in the workbook (at most 31 characters, Excel's limit). */
  sheet: string;
  /** The opening body's columns besides the person and the commune, which every sheet shares. */
  opening: readonly CaseloadColumn[];
  /** Whether the sheet carries the person's columns (every person-centred procedure does). */
  person: boolean;
  steps: readonly CaseloadStep[];
}

/** The row's key: the province's own number for the case, so a file imported again opens nothing twice. */
export const ROW_KEY_HEADING = 'Mã dòng';

/** The commune handling the case, on every sheet. */
export const COMMUNE_COLUMN: CaseloadColumn = {
  heading: 'Xã/phường thụ lý',
  path: 'jurisdictionId',
  kind: 'unit',
  hint: 'Mã hoặc tên xã/phường (trang "Đơn vị")',
};

/** The person, on every person-centred sheet. */
export const PERSON_COLUMNS: readonly CaseloadColumn[] = [
  { heading: 'Họ và tên', path: 'person.fullName', kind: 'text' },
  { heading: 'Ngày sinh', path: 'person.birthDate', kind: 'date', hint: 'dd/mm/yyyy' },
  { heading: 'Số định danh cá nhân', path: 'person.citizenId', kind: 'citizenId', hint: '12 chữ số; để trống nếu không có' },
  { heading: 'Giấy tờ khác', path: 'person.otherIdentification', kind: 'text', hint: 'Khi không có số định danh' },
  {
    heading: 'Nơi cư trú ổn định',
    path: 'person.residenceStatus',
    kind: { choices: { Có: 'STABLE', Không: 'NO_STABLE_RESIDENCE' } },
    hint: 'Có / Không',
  },
  { heading: 'Địa chỉ cư trú', path: 'person.residenceAddress', kind: 'text' },
  { heading: 'Xã/phường cư trú', path: 'person.residenceJurisdictionId', kind: 'unit', hint: 'Mã hoặc tên xã/phường' },
];

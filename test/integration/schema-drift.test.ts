import path from 'node:path';
import { Client } from 'pg';
import { applyMigrations } from '../../db/migrate';
import { expectedPostgresType, readPrismaSchema } from '../support/prisma-schema';
import { createEmptyDatabase } from '../support/test-env';

/**
 * Fails when prisma/schema.prisma and the database built by the hand-written migrations disagree:
 * a table, a column, its type or nullability, an enum value, an index, a unique or a foreign key.
 */
const schema = readPrismaSchema(path.resolve(__dirname, '../../prisma/schema.prisma'));
let db: Client;

beforeAll(async () => {
  const url = await createEmptyDatabase('drift');
  await applyMigrations(url);
  db = new Client({ connectionString: url });
  await db.connect();
});
afterAll(() => db.end());

const sorted = (lists: string[][]) => lists.map((l) => l.join(',')).sort();

it('has exactly the tables of the schema', async () => {
  const { rows } = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
  );
  expect(rows.map((r) => r.table_name).sort()).toEqual(schema.models.map((m) => m.table).sort());
});

it('has exactly the enum types and values of the schema', async () => {
  const { rows } = await db.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
  );
  expect(Object.fromEntries(rows.map((r) => [r.name, r.values]))).toEqual(Object.fromEntries(schema.enums));
});

describe.each(schema.models.map((m) => [m.model, m] as const))('model %s', (_name, model) => {
  it('has the same columns, types and nullability', async () => {
    const { rows } = await db.query<{ column_name: string; type: string; nullable: boolean }>(
      `SELECT a.attname AS column_name, format_type(a.atttypid, NULL) AS type, NOT a.attnotnull AS nullable
         FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
      [`"${model.table}"`],
    );
    // format_type quotes mixed-case enum names ("Role"[]); the schema spells them bare.
    const actual = Object.fromEntries(rows.map((r) => [r.column_name, `${r.type.replace(/"/g, '')}${r.nullable ? ' NULL' : ''}`]));
    const expected = Object.fromEntries(
      // Prisma Migrate creates scalar lists without NOT NULL, so a list column is nullable in its eyes too.
      model.columns.map((c) => [c.column, `${expectedPostgresType(c, schema.enums)}${c.nullable || c.list ? ' NULL' : ''}`]),
    );
    expect(actual).toEqual(expected);
  });

  it('has the same indexes, unique constraints and foreign keys', async () => {
    const { rows: indexes } = await db.query<{ columns: string[]; unique: boolean; primary: boolean }>(
      `SELECT array_agg(a.attname ORDER BY k.ord)::text[] AS columns, i.indisunique AS unique, i.indisprimary AS primary
         FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = $1::regclass GROUP BY i.indexrelid, i.indisunique, i.indisprimary`,
      [`"${model.table}"`],
    );
    const { rows: foreignKeys } = await db.query<{ columns: string[] }>(
      `SELECT array_agg(a.attname ORDER BY k.ord)::text[] AS columns
         FROM pg_constraint c
         CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
        WHERE c.conrelid = $1::regclass AND c.contype = 'f' GROUP BY c.oid`,
      [`"${model.table}"`],
    );
    expect(sorted(indexes.filter((i) => i.primary).map((i) => i.columns))).toEqual(
      sorted([model.primaryKey]),
    );
    expect(sorted(indexes.filter((i) => i.unique && !i.primary).map((i) => i.columns))).toEqual(sorted(model.uniques));
    expect(sorted(indexes.filter((i) => !i.unique).map((i) => i.columns))).toEqual(sorted(model.indexes));
    expect(sorted(foreignKeys.map((f) => f.columns))).toEqual(sorted(model.foreignKeys));
  });
});

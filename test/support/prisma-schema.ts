import fs from 'node:fs';

/**
 * A small reader of schema.prisma, enough to compare it with the migrated database (the Prisma
 * engine that could diff them cannot be downloaded here, see INFRA.md).
 */
export interface SchemaColumn {
  column: string;
  prismaType: string;
  nullable: boolean;
  list: boolean;
  nativeType: string | undefined;
  unique: boolean;
  id: boolean;
}

export interface SchemaModel {
  model: string;
  table: string;
  columns: SchemaColumn[];
  /** The primary key's columns: the @id field, or @@id([…]). */
  primaryKey: string[];
  /** Column lists of @@index and @@unique, as database column names. */
  indexes: string[][];
  uniques: string[][];
  /** Column lists holding foreign keys (@relation(fields: …)). */
  foreignKeys: string[][];
}

export interface PrismaSchema {
  models: SchemaModel[];
  enums: Map<string, string[]>;
}

const blockPattern = /^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm;

export function readPrismaSchema(file: string): PrismaSchema {
  const text = fs.readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
  const blocks = [...text.matchAll(blockPattern)].map(([, kind, name, body]) => ({ kind: kind!, name: name!, body: body! }));
  const enums = new Map(
    blocks
      .filter((b) => b.kind === 'enum')
      .map((b) => [b.name, b.body.split('\n').map((l) => l.trim()).filter((l) => /^\w+$/.test(l))]),
  );
  const modelNames = new Set(blocks.filter((b) => b.kind === 'model').map((b) => b.name));
  const models = blocks
    .filter((b) => b.kind === 'model')
    .map((b) => parseModel(b.name, b.body, modelNames));
  return { models, enums };
}

function parseModel(model: string, body: string, modelNames: Set<string>): SchemaModel {
  const lines = body.split('\n').map((l) => l.trim()).filter(Boolean);
  const columnOf = new Map<string, string>();
  const columns: SchemaColumn[] = [];
  const foreignKeys: string[][] = [];
  const fieldLists: Array<{ kind: 'index' | 'unique' | 'id'; fields: string[] }> = [];
  let table = model;
  for (const line of lines) {
    if (line.startsWith('@@map(')) table = /"(.+)"/.exec(line)![1]!;
    else if (line.startsWith('@@index(') || line.startsWith('@@unique(') || line.startsWith('@@id(')) {
      const fields = /\[([^\]]+)\]/.exec(line)![1]!.split(',').map((f) => f.trim());
      fieldLists.push({ kind: line.startsWith('@@index') ? 'index' : line.startsWith('@@id') ? 'id' : 'unique', fields });
    } else if (/^\w+\s+\w+/.test(line)) {
      const [, name, type, modifier, attributes = ''] = /^(\w+)\s+(\w+)(\[\]|\?)?\s*(.*)$/.exec(line)!;
      if (modelNames.has(type!)) {
        const fields = /fields:\s*\[([^\]]+)\]/.exec(attributes)?.[1];
        if (fields) foreignKeys.push(fields.split(',').map((f) => f.trim()));
        continue;
      }
      const column = /@map\("([^"]+)"\)/.exec(attributes)?.[1] ?? name!;
      columnOf.set(name!, column);
      columns.push({
        column,
        prismaType: type!,
        nullable: modifier === '?',
        list: modifier === '[]',
        nativeType: /@db\.(\w+)/.exec(attributes)?.[1],
        unique: /@unique\b/.test(attributes),
        id: /@id\b/.test(attributes),
      });
    }
  }
  const toColumns = (fields: string[]) => fields.map((f) => columnOf.get(f) ?? f);
  return {
    model,
    table,
    columns,
    primaryKey: toColumns(fieldLists.find((l) => l.kind === 'id')?.fields ?? []).concat(columns.filter((c) => c.id).map((c) => c.column)),
    indexes: fieldLists.filter((l) => l.kind === 'index').map((l) => toColumns(l.fields)),
    uniques: [
      ...fieldLists.filter((l) => l.kind === 'unique').map((l) => toColumns(l.fields)),
      ...columns.filter((c) => c.unique).map((c) => [c.column]),
    ],
    foreignKeys: foreignKeys.map(toColumns),
  };
}

/** The PostgreSQL type Prisma Migrate would create for a column (the subset this project uses). */
export function expectedPostgresType(column: SchemaColumn, enums: Map<string, string[]>): string {
  if (enums.has(column.prismaType)) return column.list ? `${column.prismaType}[]` : column.prismaType;
  const byNative: Record<string, string> = { Uuid: 'uuid', Date: 'date', Timestamptz: 'timestamp with time zone', Text: 'text' };
  const byPrisma: Record<string, string> = {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Boolean: 'boolean',
    DateTime: 'timestamp without time zone',
    Json: 'jsonb',
    Float: 'double precision',
    Decimal: 'numeric',
  };
  const base = (column.nativeType && byNative[column.nativeType]) ?? byPrisma[column.prismaType];
  if (!base) throw new Error(`no PostgreSQL type known for ${column.prismaType} @db.${column.nativeType}`);
  return column.list ? `${base}[]` : base;
}

import { defineConfig } from 'prisma/config';

// Only `prisma generate` runs on machines without Prisma's schema engine; the URL matters to
// operators who run `prisma migrate deploy` against a real database with the engine installed.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://engine:engine@127.0.0.1:5433/engine' },
});

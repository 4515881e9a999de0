-- A province's running cases imported from its spreadsheets (issue #18).
CREATE TABLE "caseload_imports" (
    "id" UUID NOT NULL,
    "province_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL,
    "total_rows" INTEGER NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "caseload_imports_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "caseload_imports_province_id_fkey" FOREIGN KEY ("province_id") REFERENCES "jurisdictions"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "caseload_imports_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "caseload_imports_province_id_created_at_idx" ON "caseload_imports"("province_id", "created_at");

-- One row of an import: what it became. Its cells and body (personal data) are kept only until
-- the row is done with: a rejected row keeps its cells, to be given back with its reasons.
CREATE TABLE "caseload_import_rows" (
    "import_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "sheet" TEXT NOT NULL,
    "row_number" INTEGER NOT NULL,
    "procedure" TEXT NOT NULL,
    "row_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "problems" JSONB,
    "body" JSONB,
    "cells" JSONB,
    "case_ref" TEXT,
    "phase" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "caseload_import_rows_pkey" PRIMARY KEY ("import_id", "seq"),
    CONSTRAINT "caseload_import_rows_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "caseload_imports"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "caseload_import_rows_import_id_status_idx" ON "caseload_import_rows"("import_id", "status");

-- The row keys a province has imported, each with the case it opened: the same row in a later
-- file opens nothing.
CREATE TABLE "caseload_row_keys" (
    "province_id" TEXT NOT NULL,
    "procedure" TEXT NOT NULL,
    "row_key" TEXT NOT NULL,
    "case_ref" TEXT NOT NULL,
    "import_id" UUID NOT NULL,
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "caseload_row_keys_pkey" PRIMARY KEY ("province_id", "procedure", "row_key")
);
CREATE UNIQUE INDEX "caseload_row_keys_case_ref_key" ON "caseload_row_keys"("case_ref");

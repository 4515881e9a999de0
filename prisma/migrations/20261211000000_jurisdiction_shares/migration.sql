-- A unit split among several successors from a date: every unit it went to, the principal one
-- (its successor_id) flagged.
CREATE TABLE "jurisdiction_shares" (
    "unit_id" TEXT NOT NULL,
    "successor_id" TEXT NOT NULL,
    "principal" BOOLEAN NOT NULL,

    CONSTRAINT "jurisdiction_shares_pkey" PRIMARY KEY ("unit_id","successor_id")
);

CREATE INDEX "jurisdiction_shares_successor_id_idx" ON "jurisdiction_shares"("successor_id");

ALTER TABLE "jurisdiction_shares" ADD CONSTRAINT "jurisdiction_shares_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "jurisdictions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "jurisdiction_shares" ADD CONSTRAINT "jurisdiction_shares_successor_id_fkey" FOREIGN KEY ("successor_id") REFERENCES "jurisdictions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

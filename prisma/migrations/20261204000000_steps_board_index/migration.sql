-- The live board counts and lists unfinished steps by unit, owner and due instants: with every
-- column it reads in one index, PostgreSQL answers from the index alone instead of reading the
-- wide rows (bench/screens.ts, 100,000 unfinished steps: the board's counts ~150 ms → ~55 ms).
CREATE INDEX "steps_board_idx"
  ON "steps"("status", "jurisdiction_id", "owner_agency_id", "due_at", "statutory_due_at");

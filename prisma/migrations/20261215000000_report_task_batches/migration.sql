-- A run's report tasks are kept in batches: up to 100 reports share one workflow (its
-- `report-tasks:<run>:<batch>` id), each task a step of its own ("<workflow id>/<unit>"). A report
-- is still one per run and unit by its id.
DROP INDEX "reports_step_workflow_id_key";
CREATE INDEX "reports_step_workflow_id_idx" ON "reports"("step_workflow_id");

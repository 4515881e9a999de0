-- A retried submission must repeat its body: the hash lets the API refuse the same key with another body.
ALTER TABLE "report_versions" ADD COLUMN "request_hash" TEXT;

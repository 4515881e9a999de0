-- The worker keeps the registry's units, agencies and the provinces' rule overrides in memory
-- (db/reference-data.ts) and reads this counter once per activity instead of the rows each time:
-- a change of an agency or an override must raise it too, not only a change of the units.
CREATE TRIGGER "agencies_bump_registry_version"
  AFTER INSERT OR UPDATE OR DELETE ON "agencies"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();

CREATE TRIGGER "rule_overrides_bump_registry_version"
  AFTER INSERT OR UPDATE OR DELETE ON "rule_overrides"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();

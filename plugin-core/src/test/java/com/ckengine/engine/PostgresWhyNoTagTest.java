package com.ckengine.engine;

import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Tag;

/** Logs' "Why?" on PostgreSQL (a fresh database per test). */
@Tag("postgres")
class PostgresWhyNoTagTest extends WhyNoTagTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.postgres();
  }

  @Override
  String refuseOrder(String reference) {
    // One statement: a function and its trigger, created by a DO block.
    return "DO $$ BEGIN "
        + "EXECUTE 'CREATE FUNCTION ck_test_refuse() RETURNS trigger LANGUAGE plpgsql AS "
        + "''BEGIN IF NEW.REFERENCE = ''''"
        + reference
        + "'''' THEN RAISE EXCEPTION ''''refused for the test''''; END IF; RETURN NEW; END''';"
        + "EXECUTE 'CREATE TRIGGER ck_test_refuse BEFORE INSERT ON CK_EVENT FOR EACH ROW "
        + "EXECUTE PROCEDURE ck_test_refuse()'; END $$";
  }
}

package com.ckengine.engine;

import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Tag;

/** Past Orders ({@link PastOrdersTestBase}) on PostgreSQL (a fresh database per test). */
@Tag("postgres")
class PostgresPastOrdersTest extends PastOrdersTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.postgres();
  }
}

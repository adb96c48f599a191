package com.ckengine.engine;

import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Tag;

/** The same delivery tests on PostgreSQL (a fresh database per test). */
@Tag("postgres")
class PostgresDeliveryTest extends DeliveryTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.postgres();
  }
}

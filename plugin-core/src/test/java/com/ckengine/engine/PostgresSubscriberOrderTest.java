package com.ckengine.engine;

import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Tag;

/** One subscriber's actions in order through retries, on PostgreSQL (a fresh database per test). */
@Tag("postgres")
class PostgresSubscriberOrderTest extends SubscriberOrderTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.postgres();
  }
}

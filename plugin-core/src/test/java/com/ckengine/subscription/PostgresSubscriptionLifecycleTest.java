package com.ckengine.subscription;

import com.ckengine.engine.TestDatabases;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Tag;

/** The same sequences on PostgreSQL (a fresh database for the class). */
@Tag("postgres")
class PostgresSubscriptionLifecycleTest extends SubscriptionLifecycleTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.postgres();
  }
}

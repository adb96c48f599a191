package com.ckengine.subscription;

import com.ckengine.engine.TestDatabases;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Tag;

/** Subscription Started and Completed on PostgreSQL (a fresh database for the class). */
@Tag("postgres")
class PostgresFirstAndLastChargeTest extends FirstAndLastChargeTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.postgres();
  }
}

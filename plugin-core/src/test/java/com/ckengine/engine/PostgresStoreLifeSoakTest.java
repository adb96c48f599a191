package com.ckengine.engine;

import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Tag;

/** The store's life on PostgreSQL: a fresh database, opened anew by each incarnation. */
@Tag("postgres")
class PostgresStoreLifeSoakTest extends StoreLifeSoakTestBase {
  @Override
  String newDatabase() {
    return TestDatabases.newPostgresDatabase();
  }

  @Override
  EntityManagerFactory open(String url, String ddl) {
    return TestDatabases.postgres(url, ddl);
  }
}

package com.ckengine.admin.access;

import com.ckengine.engine.TestDatabases;
import org.junit.jupiter.api.Tag;

/** {@link AdminRowsAtStartTestBase} on a fresh PostgreSQL database (CKIE_PG_URL's server). */
@Tag("postgres")
class PostgresAdminRowsAtStartTest extends AdminRowsAtStartTestBase {
  @Override
  AdminDatabase emptyDatabase() {
    String url = TestDatabases.newPostgresDatabase();
    return new AdminDatabase(
        url,
        System.getenv("CKIE_PG_USER"),
        System.getenv("CKIE_PG_PASSWORD"),
        TestDatabases.postgres(url, "none"));
  }
}

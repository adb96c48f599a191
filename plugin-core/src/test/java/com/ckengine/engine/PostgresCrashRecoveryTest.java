package com.ckengine.engine;

import java.nio.file.Path;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Tag;

/** The crash test on PostgreSQL. */
@Tag("postgres")
class PostgresCrashRecoveryTest extends CrashRecoveryTestBase {
  @Override
  String sharedDatabase(Path dir) {
    String url = TestDatabases.newPostgresDatabase();
    TestDatabases.postgres(url, "create").close();
    return url;
  }

  @Override
  EntityManagerFactory open(String url) {
    return TestDatabases.postgres(url, "none");
  }
}

package com.ckengine.engine;

import java.util.UUID;
import javax.persistence.EntityManagerFactory;

/**
 * The store's life on in-memory HSQLDB: a named database that outlives each incarnation's
 * EntityManagerFactory (HSQLDB keeps a memory database until it is shut down), so every restart
 * opens the same data afresh.
 */
class HsqldbStoreLifeSoakTest extends StoreLifeSoakTestBase {
  @Override
  String newDatabase() {
    return "jdbc:hsqldb:mem:soak"
        + UUID.randomUUID().toString().replace("-", "")
        + ";hsqldb.tx=mvcc";
  }

  @Override
  EntityManagerFactory open(String url, String ddl) {
    return TestDatabases.hsqldb(url, ddl);
  }
}

package com.ckengine.engine;

import javax.persistence.EntityManagerFactory;

/** Past Orders ({@link PastOrdersTestBase}) on HSQLDB. */
class HsqldbPastOrdersTest extends PastOrdersTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.hsqldb();
  }
}

package com.ckengine.subscription;

import com.ckengine.engine.TestDatabases;
import javax.persistence.EntityManagerFactory;

/** Subscription Started and Completed on in-memory HSQLDB (the embedded database). */
class HsqldbFirstAndLastChargeTest extends FirstAndLastChargeTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.hsqldb();
  }
}

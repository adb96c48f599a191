package com.ckengine.engine;

import javax.persistence.EntityManagerFactory;

/** Delivery tests on in-memory HSQLDB (the embedded database). */
class HsqldbDeliveryTest extends DeliveryTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.hsqldb();
  }
}

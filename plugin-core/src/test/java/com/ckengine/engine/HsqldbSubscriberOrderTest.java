package com.ckengine.engine;

import javax.persistence.EntityManagerFactory;

/** One subscriber's actions in order through retries, on in-memory HSQLDB. */
class HsqldbSubscriberOrderTest extends SubscriberOrderTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.hsqldb();
  }
}

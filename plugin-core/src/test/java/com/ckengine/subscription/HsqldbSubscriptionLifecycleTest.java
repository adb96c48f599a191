package com.ckengine.subscription;

import com.ckengine.engine.TestDatabases;
import javax.persistence.EntityManagerFactory;

/** The subscription sequences on in-memory HSQLDB (the embedded database). */
class HsqldbSubscriptionLifecycleTest extends SubscriptionLifecycleTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.hsqldb();
  }
}

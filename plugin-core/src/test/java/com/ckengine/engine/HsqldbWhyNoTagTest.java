package com.ckengine.engine;

import javax.persistence.EntityManagerFactory;

/** Logs' "Why?" on in-memory HSQLDB. */
class HsqldbWhyNoTagTest extends WhyNoTagTestBase {
  @Override
  EntityManagerFactory database() {
    return TestDatabases.hsqldb();
  }

  @Override
  String refuseOrder(String reference) {
    return "CREATE TRIGGER CK_TEST_REFUSE BEFORE INSERT ON CK_EVENT REFERENCING NEW ROW AS N "
        + "FOR EACH ROW WHEN (N.REFERENCE = '"
        + reference
        + "') SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused for the test'";
  }
}

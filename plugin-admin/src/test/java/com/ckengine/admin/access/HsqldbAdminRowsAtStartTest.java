package com.ckengine.admin.access;

import com.ckengine.engine.TestDatabases;
import java.util.UUID;

/** {@link AdminRowsAtStartTestBase} on a fresh in-memory HSQLDB. */
class HsqldbAdminRowsAtStartTest extends AdminRowsAtStartTestBase {
  @Override
  AdminDatabase emptyDatabase() {
    String url = "jdbc:hsqldb:mem:ckrows" + UUID.randomUUID().toString().replace("-", "");
    return new AdminDatabase(url, "SA", "", TestDatabases.hsqldb(url, "none"));
  }
}

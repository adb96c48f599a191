package com.ckengine.engine;

import java.net.ServerSocket;
import java.nio.file.Path;
import javax.persistence.EntityManagerFactory;
import org.hsqldb.server.Server;

/** The crash test on a file-backed HSQLDB served over TCP, shared by the test and the nodes. */
class HsqldbCrashRecoveryTest extends CrashRecoveryTestBase {
  private Server server;

  @Override
  String sharedDatabase(Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = new Server();
    server.setSilent(true);
    server.setLogWriter(null);
    server.setPort(port);
    server.setDatabaseName(0, "ck");
    server.setDatabasePath(0, "file:" + dir.resolve("db").toAbsolutePath() + ";hsqldb.tx=mvcc");
    server.start();
    String url = "jdbc:hsqldb:hsql://localhost:" + port + "/ck";
    TestDatabases.hsqldb(url, "create").close();
    return url;
  }

  @Override
  EntityManagerFactory open(String url) {
    return TestDatabases.hsqldb(url, "none");
  }

  @Override
  void closeDatabase() {
    if (server != null) server.stop();
  }
}

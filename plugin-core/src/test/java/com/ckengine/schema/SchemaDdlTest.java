package com.ckengine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The versioned PostgreSQL DDL shipped in the jar is what the entities make. With {@code
 * -Dckengine.ddl.write=true} the test writes the file instead of failing (for whoever changed an
 * entity); {@code -Dckengine.ddl.dialect=...} writes another database's DDL to {@code
 * target/ckengine-ddl/}. See docs/install.md, "Upgrading".
 */
class SchemaDdlTest {
  private static final boolean WRITE = Boolean.getBoolean("ckengine.ddl.write");
  private static final String DIALECT = System.getProperty("ckengine.ddl.dialect", "");

  @Test
  void v1IsWhatTheEntitiesMakeWhileItIsTheOnlyVersion() throws Exception {
    String generated = SchemaDdl.generate(SchemaDdl.POSTGRESQL);
    Path v1 = SchemaDdl.POSTGRESQL_DIR.resolve("V1__ckengine.sql");
    List<Path> versions = SchemaDdl.versions(SchemaDdl.POSTGRESQL_DIR);
    if (versions.size() > 1) {
      // Released versions are never edited: V1 stays as it was, and V1..Vn applied in order must
      // give what the entities make, which VersionedDdlPostgresTest checks on a real PostgreSQL.
      assertFalse(WRITE, "V2 exists: write the next V<n> by hand; V1 is released and never edited");
      assertEquals(v1, versions.get(0), "the first version is V1");
      return;
    }
    if (WRITE && (DIALECT.isEmpty() || DIALECT.equals(SchemaDdl.POSTGRESQL))) {
      // Until the first release V1 is regenerated; after it, a change goes into the next V<n>.
      Files.createDirectories(v1.getParent());
      Files.write(v1, generated.getBytes(StandardCharsets.UTF_8));
      System.out.println("Wrote " + v1.toAbsolutePath());
    }
    assertTrue(Files.isRegularFile(v1), v1 + " is missing: run with -Dckengine.ddl.write=true");
    String onDisk = new String(Files.readAllBytes(v1), StandardCharsets.UTF_8);
    assertEquals(
        generated,
        onDisk,
        v1
            + " differs from the entities: regenerate it with -Dckengine.ddl.write=true"
            + " (docs/install.md, 'Upgrading')");
  }

  @Test
  void everyEngineTableIsCreatedAndPrefixed() throws Exception {
    List<String> statements =
        SchemaDdl.statements(SchemaDdl.generate(SchemaDdl.POSTGRESQL).toLowerCase());
    long tables = statements.stream().filter(s -> s.startsWith("create table")).count();
    assertTrue(tables >= 10, "expected the CK_ tables and the id generator table: " + statements);
    for (String s : statements) {
      if (s.startsWith("create table")) {
        assertTrue(s.startsWith("create table ck_"), "not module-prefixed: " + s);
      }
    }
    assertFalse(statements.isEmpty());
  }

  @Test
  void anotherDatabasesDdlOnRequest() throws Exception {
    if (!WRITE || DIALECT.isEmpty() || DIALECT.equals(SchemaDdl.POSTGRESQL)) {
      // The generator itself, for a second dialect, so the documented command keeps working.
      String hsql = SchemaDdl.generate("org.hibernate.dialect.HSQLDialect");
      assertTrue(hsql.toLowerCase().contains("create table ck_action"), hsql);
      return;
    }
    String ddl = SchemaDdl.generate(DIALECT);
    Path out =
        Paths.get("target/ckengine-ddl", DIALECT.substring(DIALECT.lastIndexOf('.') + 1) + ".sql");
    Files.createDirectories(out.getParent());
    Files.write(out, ddl.getBytes(StandardCharsets.UTF_8));
    System.out.println("Wrote " + out.toAbsolutePath());
  }
}

package com.ckengine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.engine.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A site that manages its schema by hand runs V1, V2, ... in order: on a real PostgreSQL that must
 * give the same tables, columns and indexes as the schema the current entities make.
 */
@Tag("postgres")
class VersionedDdlPostgresTest {

  @Test
  void theVersionsInOrderGiveTheSchemaTheEntitiesMake() throws Exception {
    List<Path> versions = SchemaDdl.versions(SchemaDdl.POSTGRESQL_DIR);
    assertFalse(versions.isEmpty(), "no V<n>__*.sql in " + SchemaDdl.POSTGRESQL_DIR);
    String migrated = TestDatabases.newPostgresDatabase();
    String current = TestDatabases.newPostgresDatabase();
    try (Connection m = connect(migrated);
        Connection c = connect(current)) {
      for (Path v : versions) {
        run(m, new String(Files.readAllBytes(v), StandardCharsets.UTF_8));
      }
      run(c, SchemaDdl.generate(SchemaDdl.POSTGRESQL));
      String expected = describe(c);
      assertTrue(expected.contains("column ck_action.id bigint"), expected);
      assertEquals(expected, describe(m));
    }
  }

  private static Connection connect(String url) throws Exception {
    return DriverManager.getConnection(
        url, System.getenv("CKIE_PG_USER"), System.getenv("CKIE_PG_PASSWORD"));
  }

  private static void run(Connection c, String ddl) throws Exception {
    try (Statement s = c.createStatement()) {
      for (String statement : SchemaDdl.statements(ddl)) {
        s.execute(statement);
      }
    }
  }

  /** Tables, columns with type and nullability, and index definitions: what a schema is. */
  private static String describe(Connection c) throws Exception {
    Set<String> lines = new TreeSet<String>();
    try (Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "select table_name, column_name, data_type, is_nullable,"
                  + " character_maximum_length, numeric_precision, numeric_scale"
                  + " from information_schema.columns where table_schema = 'public'")) {
        while (r.next()) {
          lines.add(
              "column "
                  + r.getString(1)
                  + "."
                  + r.getString(2)
                  + " "
                  + r.getString(3)
                  + " null="
                  + r.getString(4)
                  + " len="
                  + r.getString(5)
                  + " precision="
                  + r.getString(6)
                  + ","
                  + r.getString(7));
        }
      }
      try (ResultSet r =
          s.executeQuery(
              "select tablename, indexdef from pg_indexes where schemaname = 'public'")) {
        while (r.next()) {
          lines.add("index " + r.getString(1) + " " + r.getString(2));
        }
      }
      try (ResultSet r =
          s.executeQuery(
              "select tc.table_name, tc.constraint_type, kcu.column_name"
                  + " from information_schema.table_constraints tc"
                  + " join information_schema.key_column_usage kcu"
                  + " on tc.constraint_name = kcu.constraint_name"
                  + " and tc.table_schema = kcu.table_schema"
                  + " where tc.table_schema = 'public'")) {
        while (r.next()) {
          lines.add("constraint " + r.getString(1) + " " + r.getString(2) + " " + r.getString(3));
        }
      }
    }
    return String.join("\n", lines);
  }
}

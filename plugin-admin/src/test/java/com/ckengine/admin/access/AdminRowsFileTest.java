package com.ckengine.admin.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The admin reads its rows from the same file a DBA runs: every INSERT line of it, values typed,
 * and a line it cannot read fails here rather than at a site's start.
 */
class AdminRowsFileTest {
  @Test
  void readsEveryInsertLineOfTheShippedFile() {
    List<AdminRow> rows = AdminRowsFile.read();
    long inserts =
        java.util.Arrays.stream(shippedText().split("\n"))
            .filter(l -> l.trim().startsWith("INSERT"))
            .count();
    assertEquals(inserts, rows.size());
    AdminRow section = null;
    for (AdminRow r : rows) if (r.table().equals("BLC_ADMIN_SECTION")) section = r;
    assertEquals(-9101L, section.value("ADMIN_SECTION_ID"));
    assertEquals(-5L, section.value("admin_module_id"));
    assertEquals("/ckengine-integrations", section.value("URL"));
    assertTrue(section.has("CEILING_ENTITY"));
    assertNull(section.value("CEILING_ENTITY"));
    assertTrue(section.insert().startsWith("INSERT INTO BLC_ADMIN_SECTION ("));
    assertTrue(!section.insert().endsWith(";"));
  }

  @Test
  void typesTheValues() {
    AdminRow row =
        AdminRowsFile.parse(
                "-- a comment\n\nINSERT INTO T (A, B, C, D) VALUES (-7, 'it''s, here', TRUE, NULL);\n")
            .get(0);
    assertEquals(-7L, row.value("A"));
    assertEquals("it's, here", row.value("B"));
    assertEquals(Boolean.TRUE, row.value("C"));
    assertNull(row.value("D"));
  }

  @Test
  void refusesALineItCannotRead() {
    IllegalArgumentException notInsert =
        assertThrows(
            IllegalArgumentException.class, () -> AdminRowsFile.parse("UPDATE T SET A = 1;\n"));
    assertTrue(notInsert.getMessage().contains("line 1"), notInsert.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> AdminRowsFile.parse("INSERT INTO T (A, B) VALUES (1);\n"));
    assertThrows(
        IllegalArgumentException.class,
        () -> AdminRowsFile.parse("INSERT INTO T (A) VALUES (now());\n"));
  }

  private static String shippedText() {
    try (java.io.InputStream in =
        AdminRowsFileTest.class.getClassLoader().getResourceAsStream(AdminRowsFile.RESOURCE)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package com.ckengine.admin.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.testing.LogCapture;
import java.util.List;
import org.apache.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin adds the Settings > Integrations menu entry and its permissions at start, whichever web
 * app created the schema: every row of {@link AdminRowsFile#RESOURCE} on a fresh database, none on
 * the next start, and a WARN saying what to do (never an exception) when it cannot. Run on HSQLDB
 * and PostgreSQL by the subclasses.
 */
abstract class AdminRowsAtStartTestBase {
  private static final String CATEGORY = "com.ckengine.admin.access";

  private final List<AdminRow> rows = AdminRowsFile.read();
  private AdminDatabase db;

  /** An empty database of the subclass's kind. */
  abstract AdminDatabase emptyDatabase() throws Exception;

  @AfterEach
  void close() {
    if (db != null) db.close();
  }

  @Test
  void aFreshDatabaseGetsEveryRowOfTheFile() throws Exception {
    db = emptyDatabase().withBroadleafTables().withBroadleafRows();
    try (LogCapture log = LogCapture.start(CATEGORY)) {
      assertEquals(rows.size(), db.installer().addMissingRows());
      log.assertLine(Level.INFO, CATEGORY, "added " + rows.size() + " missing admin row(s)");
      assertTrue(log.atOrAbove(Level.WARN).isEmpty(), log.text());
    }
    for (AdminRow row : rows) assertTrue(db.has(row), "missing after start: " + row);
  }

  @Test
  void theNextStartAddsNothing() throws Exception {
    db = emptyDatabase().withBroadleafTables().withBroadleafRows();
    db.installer().addMissingRows();
    long permissions = db.count("BLC_ADMIN_PERMISSION");
    long grants = db.count("BLC_ADMIN_ROLE_PERMISSION_XREF");
    long sectionPermissions = db.count("BLC_ADMIN_SEC_PERM_XREF");
    try (LogCapture log = LogCapture.start(CATEGORY)) {
      assertEquals(0, db.installer().addMissingRows());
      assertTrue(log.atOrAbove(Level.INFO).isEmpty(), log.text());
    }
    assertEquals(permissions, db.count("BLC_ADMIN_PERMISSION"));
    assertEquals(grants, db.count("BLC_ADMIN_ROLE_PERMISSION_XREF"));
    assertEquals(sectionPermissions, db.count("BLC_ADMIN_SEC_PERM_XREF"));
  }

  @Test
  void beforeTheSchemaExistsItWarnsWhatToDoAndStartsAnyway() throws Exception {
    db = emptyDatabase();
    try (LogCapture log = LogCapture.start(CATEGORY)) {
      assertEquals(0, db.installer().addMissingRows());
      LogCapture.Line warn =
          log.assertLine(
              Level.WARN,
              CATEGORY,
              "Settings > Integrations may be missing",
              "BLC_ADMIN_SECTION",
              "restart the admin",
              AdminRowsFile.RESOURCE);
      assertEquals("", warn.throwable, "a plain message, not a stack trace: " + warn);
    }
  }

  @Test
  void withATableMissingItWarnsAndAddsNothing() throws Exception {
    db = emptyDatabase().withBroadleafTables().withBroadleafRows();
    db.execute("DROP TABLE BLC_ADMIN_SEC_PERM_XREF");
    long permissions = db.count("BLC_ADMIN_PERMISSION");
    try (LogCapture log = LogCapture.start(CATEGORY)) {
      assertEquals(0, db.installer().addMissingRows());
      log.assertLine(Level.WARN, CATEGORY, "BLC_ADMIN_SEC_PERM_XREF", "do not exist yet");
    }
    assertEquals(permissions, db.count("BLC_ADMIN_PERMISSION"));
  }

  @Test
  void withoutBroadleafsOwnRowsItNamesThemAndAddsNothing() throws Exception {
    db = emptyDatabase().withBroadleafTables();
    try (LogCapture log = LogCapture.start(CATEGORY)) {
      assertEquals(0, db.installer().addMissingRows());
      log.assertLine(
          Level.WARN,
          CATEGORY,
          "BLC_ADMIN_MODULE ADMIN_MODULE_ID = -5",
          "BLC_ADMIN_ROLE ADMIN_ROLE_ID = -1",
          "load_admin_menu.sql",
          AdminRowsFile.RESOURCE);
    }
    assertEquals(0, db.count("BLC_ADMIN_PERMISSION"));
  }

  @Test
  void whenTheDatabaseRefusesARowNoneIsAddedAndItWarns() throws Exception {
    db = emptyDatabase().withBroadleafTables().withBroadleafRows();
    // A site's own rule that the section row breaks: the inserts before it must not stay.
    db.execute(
        "ALTER TABLE BLC_ADMIN_SECTION ADD CONSTRAINT SITE_RULE CHECK (SECTION_KEY <> 'ConvertKitIntegrations')");
    long permissions = db.count("BLC_ADMIN_PERMISSION");
    try (LogCapture log = LogCapture.start(CATEGORY)) {
      assertEquals(0, db.installer().addMissingRows());
      log.assertLine(Level.WARN, CATEGORY, "the database refused", AdminRowsFile.RESOURCE);
    }
    assertEquals(permissions, db.count("BLC_ADMIN_PERMISSION"), "one transaction: all or none");
  }

  @Test
  void aRemovedRowComesBackButARevokedGrantStaysRevoked() throws Exception {
    db = emptyDatabase().withBroadleafTables().withBroadleafRows();
    db.installer().addMissingRows();
    db.execute(
        "DELETE FROM BLC_ADMIN_ROLE_PERMISSION_XREF WHERE ADMIN_ROLE_ID = -1 AND ADMIN_PERMISSION_ID = -9104",
        "DELETE FROM BLC_ADMIN_SEC_PERM_XREF WHERE ADMIN_SECTION_ID = -9101",
        "DELETE FROM BLC_ADMIN_SECTION WHERE ADMIN_SECTION_ID = -9101");

    assertEquals(3, db.installer().addMissingRows(), "the section and its two permissions");
    for (AdminRow row : rows) {
      if (row.table().equals(MissingAdminRows.GRANTS_TABLE)) {
        assertFalse(db.has(row), "the administrator's revoke is kept: " + row);
      } else {
        assertTrue(db.has(row), "back after start: " + row);
      }
    }
  }
}

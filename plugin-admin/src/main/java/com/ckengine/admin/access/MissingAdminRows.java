package com.ckengine.admin.access;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What of the plugin's admin rows a database lacks, found through JDBC metadata so it reads the
 * same on every database (HSQLDB's upper-case names, PostgreSQL's lower-case ones):
 *
 * <ul>
 *   <li>the tables that are not there (Broadleaf's admin tables not created yet);
 *   <li>the rows to add: a row is there when a row with the same primary key is (all its columns
 *       when the table has no primary key, as Broadleaf's section and permission cross-reference
 *       tables); a row that is there is never changed;
 *   <li>the rows they refer to that neither the database nor the plugin has (Broadleaf's own rows,
 *       such as the Settings module or ROLE_ADMIN), from the tables' foreign keys.
 * </ul>
 *
 * <p>A role's grant of a plugin permission ({@link #GRANTS_TABLE}) is added only together with the
 * permission it grants, on the start that creates it: an administrator who later takes the
 * permission from the role keeps it taken. Every other row is part of what the screens need and is
 * added back whenever it is missing.
 */
final class MissingAdminRows {
  /** Roles' permissions: the one table whose rows are an administrator's choice after install. */
  static final String GRANTS_TABLE = "BLC_ADMIN_ROLE_PERMISSION_XREF";

  static final String PERMISSION_TABLE = "BLC_ADMIN_PERMISSION";
  static final String PERMISSION_ID = "ADMIN_PERMISSION_ID";

  /** Whether a row with these column values exists: table and conditions filled in. */
  private static final String ROW_EXISTS = "SELECT COUNT(*) FROM %s WHERE %s";

  private final List<String> missingTables;
  private final List<AdminRow> toAdd;
  private final List<String> missingReferences;

  private MissingAdminRows(
      List<String> missingTables, List<AdminRow> toAdd, List<String> missingReferences) {
    this.missingTables = Collections.unmodifiableList(missingTables);
    this.toAdd = Collections.unmodifiableList(toAdd);
    this.missingReferences = Collections.unmodifiableList(missingReferences);
  }

  /** Looks at the database through {@code c}; reads only. */
  static MissingAdminRows find(Connection c, List<AdminRow> rows) throws SQLException {
    Tables tables = new Tables(c.getMetaData());
    List<String> missingTables = new ArrayList<String>();
    for (AdminRow row : rows) {
      if (tables.find(row.table()) == null && !missingTables.contains(row.table())) {
        missingTables.add(row.table());
      }
    }
    if (!missingTables.isEmpty()) {
      return new MissingAdminRows(
          missingTables, new ArrayList<AdminRow>(), new ArrayList<String>());
    }

    List<AdminRow> absent = new ArrayList<AdminRow>();
    Set<Object> newPermissions = new LinkedHashSet<Object>();
    for (AdminRow row : rows) {
      if (exists(c, tables.find(row.table()), keyOf(row, tables.primaryKey(row.table())))) {
        continue;
      }
      absent.add(row);
      if (row.table().equalsIgnoreCase(PERMISSION_TABLE)) {
        newPermissions.add(row.value(PERMISSION_ID));
      }
    }
    List<AdminRow> toAdd = new ArrayList<AdminRow>();
    for (AdminRow row : absent) {
      boolean grant = row.table().equalsIgnoreCase(GRANTS_TABLE);
      if (!grant || newPermissions.contains(row.value(PERMISSION_ID))) toAdd.add(row);
    }

    List<String> missingReferences = new ArrayList<String>();
    for (AdminRow row : toAdd) {
      for (Reference ref : tables.references(row)) {
        if (addsRow(toAdd, ref.table, ref.key)) continue;
        if (exists(c, ref.table, ref.key)) continue;
        String what = ref.table.toUpperCase(Locale.ROOT) + " " + describe(ref.key);
        if (!missingReferences.contains(what)) missingReferences.add(what);
      }
    }
    return new MissingAdminRows(missingTables, toAdd, missingReferences);
  }

  /** Broadleaf's admin tables the rows go into that the database does not have. */
  List<String> missingTables() {
    return missingTables;
  }

  /** The rows to insert, in the file's order. */
  List<AdminRow> toAdd() {
    return toAdd;
  }

  /**
   * Rows the rows to add refer to that nothing provides, e.g. "BLC_ADMIN_MODULE ADMIN_MODULE_ID =
   * -5".
   */
  List<String> missingReferences() {
    return missingReferences;
  }

  /** Whether {@link #toAdd} can be inserted: the tables are there and so is what they refer to. */
  boolean canAdd() {
    return missingTables.isEmpty() && missingReferences.isEmpty();
  }

  private static Map<String, Object> keyOf(AdminRow row, List<String> primaryKey) {
    Map<String, Object> key = new LinkedHashMap<String, Object>();
    if (primaryKey.isEmpty()) {
      key.putAll(row.values());
    } else {
      for (String column : primaryKey) key.put(column, row.value(column));
    }
    return key;
  }

  private static boolean addsRow(List<AdminRow> rows, String table, Map<String, Object> key) {
    for (AdminRow row : rows) {
      if (!row.table().equalsIgnoreCase(table)) continue;
      boolean same = true;
      for (Map.Entry<String, Object> e : key.entrySet()) {
        same &= row.has(e.getKey()) && equal(row.value(e.getKey()), e.getValue());
      }
      if (same) return true;
    }
    return false;
  }

  private static boolean equal(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }

  private static boolean exists(Connection c, String table, Map<String, Object> key)
      throws SQLException {
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<Object>();
    for (Map.Entry<String, Object> e : key.entrySet()) {
      if (where.length() > 0) where.append(" AND ");
      where.append(e.getKey());
      if (e.getValue() == null) {
        where.append(" IS NULL");
      } else {
        where.append(" = ?");
        params.add(e.getValue());
      }
    }
    try (PreparedStatement s = c.prepareStatement(String.format(ROW_EXISTS, table, where))) {
      for (int i = 0; i < params.size(); i++) s.setObject(i + 1, params.get(i));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }

  private static String describe(Map<String, Object> key) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Object> e : key.entrySet()) {
      if (out.length() > 0) out.append(", ");
      out.append(e.getKey().toUpperCase(Locale.ROOT)).append(" = ").append(e.getValue());
    }
    return out.toString();
  }

  /** A row that a foreign key of a row to add points at: its table and key values. */
  private static final class Reference {
    final String table;
    final Map<String, Object> key = new LinkedHashMap<String, Object>();

    Reference(String table) {
      this.table = table;
    }
  }

  /** The database's names for the file's tables, their primary keys and foreign keys. */
  private static final class Tables {
    private final DatabaseMetaData meta;
    private final Map<String, String[]> found = new LinkedHashMap<String, String[]>();

    Tables(DatabaseMetaData meta) {
      this.meta = meta;
    }

    /** The table's name as the database spells it, or null when there is no such table. */
    String find(String table) throws SQLException {
      String[] schemaAndName = locate(table);
      return schemaAndName == null ? null : schemaAndName[1];
    }

    List<String> primaryKey(String table) throws SQLException {
      String[] at = locate(table);
      Map<Short, String> columns = new TreeMap<Short, String>();
      try (ResultSet rs = meta.getPrimaryKeys(null, at[0], at[1])) {
        while (rs.next()) columns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
      return new ArrayList<String>(columns.values());
    }

    /** The rows the row points at: one per foreign key of its table whose columns it fills. */
    List<Reference> references(AdminRow row) throws SQLException {
      String[] at = locate(row.table());
      Map<String, Reference> byKey = new LinkedHashMap<String, Reference>();
      Set<String> incomplete = new LinkedHashSet<String>();
      try (ResultSet rs = meta.getImportedKeys(null, at[0], at[1])) {
        while (rs.next()) {
          String parent = rs.getString("PKTABLE_NAME");
          String name = rs.getString("FK_NAME");
          String id = (name == null ? "" : name) + "/" + parent;
          Reference ref = byKey.get(id);
          if (ref == null) byKey.put(id, ref = new Reference(parent));
          Object value = row.value(rs.getString("FKCOLUMN_NAME"));
          if (value == null) incomplete.add(id);
          ref.key.put(rs.getString("PKCOLUMN_NAME"), value);
        }
      }
      List<Reference> out = new ArrayList<Reference>();
      for (Map.Entry<String, Reference> e : byKey.entrySet()) {
        // A foreign key with a null column refers to nothing (e.g. a section without a ceiling).
        if (!incomplete.contains(e.getKey())) out.add(e.getValue());
      }
      return out;
    }

    /** Schema and name of the table, trying the name as written, in upper and in lower case. */
    private String[] locate(String table) throws SQLException {
      String lookup = table.toUpperCase(Locale.ROOT);
      if (found.containsKey(lookup)) return found.get(lookup);
      String[] at = null;
      for (String name :
          new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
        try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
          while (rs.next() && at == null) {
            // The name is a pattern ('_' matches any character): keep only the exact table.
            if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
              at = new String[] {rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME")};
            }
          }
        }
        if (at != null) break;
      }
      found.put(lookup, at);
      return at;
    }
  }
}

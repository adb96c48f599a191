package com.ckengine.admin.access;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row the plugin adds to Broadleaf's admin tables: an {@code INSERT} line of {@link
 * AdminRowsFile#RESOURCE}, with its values read (numbers as {@code Long}, quoted text as {@code
 * String}, {@code TRUE}/{@code FALSE} as {@code Boolean}, {@code NULL} as null) so the row can be
 * looked for before it is inserted.
 */
public final class AdminRow {
  private final String table;
  private final Map<String, Object> values;
  private final String insert;

  AdminRow(String table, Map<String, Object> values, String insert) {
    this.table = table;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<String, Object>(values));
    this.insert = insert;
  }

  /** The table, as the file spells it (e.g. {@code BLC_ADMIN_SECTION}). */
  public String table() {
    return table;
  }

  /** Column name to value, in the order of the file's column list. */
  public Map<String, Object> values() {
    return values;
  }

  /** The value of {@code column} (any case), or null when the row has no such column. */
  public Object value(String column) {
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) return e.getValue();
    }
    return null;
  }

  /** Whether the row names {@code column} (any case). */
  public boolean has(String column) {
    for (String c : values.keySet()) if (c.equalsIgnoreCase(column)) return true;
    return false;
  }

  /** The file's statement, without its closing semicolon: what is run to add the row. */
  public String insert() {
    return insert;
  }

  @Override
  public String toString() {
    return table + " " + values;
  }
}

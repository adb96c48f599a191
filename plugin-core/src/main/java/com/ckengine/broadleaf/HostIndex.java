package com.ckengine.broadleaf;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * An index the plugin's own queries need on one of Broadleaf's tables, which Broadleaf 3.1 does not
 * create: made at start unless an index already begins with the same columns (the site may have
 * made it by hand, under another name). The sweeps use it for the columns their keyset and range
 * queries filter on.
 */
public final class HostIndex {
  private static final Log LOG = LogFactory.getLog(HostIndex.class);

  private final String name;
  private final String table;
  private final String[] columns;

  public HostIndex(String name, String table, String... columns) {
    this.name = name;
    this.table = table;
    this.columns = columns.clone();
  }

  public String name() {
    return name;
  }

  /** Creates the index unless one starting with its columns exists; true when it created it. */
  public boolean ensure(Connection c) throws SQLException {
    if (exists(c)) return false;
    try (Statement s = c.createStatement()) {
      s.execute("CREATE INDEX " + name + " ON " + table + " (" + String.join(", ", columns) + ")");
    }
    LOG.info("created index " + name + " on " + table + " (" + String.join(", ", columns) + ")");
    return true;
  }

  /** Whether an index on the table begins with this one's columns, in order. */
  public boolean exists(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    for (String t : new String[] {table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
      Map<String, Map<Short, String>> indexes = new HashMap<String, Map<Short, String>>();
      try (ResultSet rs = meta.getIndexInfo(null, null, t, false, true)) {
        while (rs.next()) {
          String index = rs.getString("INDEX_NAME");
          String column = rs.getString("COLUMN_NAME");
          if (index == null || column == null) continue;
          Map<Short, String> cols = indexes.get(index);
          if (cols == null) indexes.put(index, cols = new HashMap<Short, String>());
          cols.put(rs.getShort("ORDINAL_POSITION"), column.toUpperCase(Locale.ROOT));
        }
      }
      for (Map<Short, String> cols : indexes.values()) {
        boolean leads = true;
        for (int i = 0; i < columns.length && leads; i++) {
          leads = columns[i].toUpperCase(Locale.ROOT).equals(cols.get((short) (i + 1)));
        }
        if (leads) return true;
      }
    }
    return false;
  }
}

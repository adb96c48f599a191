package com.ckengine.admin.access;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link #RESOURCE}, the one definition of the plugin's admin rows (the Settings >
 * Integrations menu entry and its permissions). The same file serves a DBA who runs it by hand, a
 * site that lists it in Hibernate's import files, and {@link AdminRowsInstaller}, which adds its
 * missing rows when the admin starts.
 *
 * <p>The file holds one {@code INSERT INTO table (columns) VALUES (values);} per line (Broadleaf's
 * import files are read a line at a time), comment lines starting with {@code --} and blank lines.
 * Any other line is refused, so a change to the file that this reader would misread fails the
 * build's tests rather than a site's start.
 */
public final class AdminRowsFile {
  /** Where the rows are, on the class path (in the plugin-admin jar). */
  public static final String RESOURCE = "config/bc/sql/ckengine_admin_permissions.sql";

  private static final Pattern INSERT =
      Pattern.compile(
          "INSERT INTO (\\w+) \\(([\\w\\s,]+)\\) VALUES \\((.*)\\);", Pattern.CASE_INSENSITIVE);

  /** One value: a quoted text ('' is a quote inside it), or a bare word or number. */
  private static final Pattern VALUE = Pattern.compile("\\s*('(?:[^']|'')*'|[^,'\\s]+)\\s*(,|$)");

  private static final Pattern NUMBER = Pattern.compile("-?\\d+");

  private AdminRowsFile() {}

  /** The rows of {@link #RESOURCE}, in the file's order. */
  public static List<AdminRow> read() {
    InputStream in = AdminRowsFile.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) throw new IllegalStateException(RESOURCE + " is not on the class path");
    try {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) out.write(buffer, 0, n);
        return parse(new String(out.toByteArray(), StandardCharsets.UTF_8));
      } finally {
        in.close();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  /** The rows of a text in the file's format. */
  public static List<AdminRow> parse(String text) {
    List<AdminRow> rows = new ArrayList<AdminRow>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("--")) continue;
      Matcher m = INSERT.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            RESOURCE + " line " + (i + 1) + " is not one INSERT statement: " + line);
      }
      String[] columns = m.group(2).split(",");
      List<Object> values = values(m.group(3), i + 1);
      if (columns.length != values.size()) {
        throw new IllegalArgumentException(
            RESOURCE
                + " line "
                + (i + 1)
                + " names "
                + columns.length
                + " columns and "
                + values.size()
                + " values");
      }
      Map<String, Object> row = new LinkedHashMap<String, Object>();
      for (int c = 0; c < columns.length; c++) row.put(columns[c].trim(), values.get(c));
      rows.add(new AdminRow(m.group(1), row, line.substring(0, line.length() - 1)));
    }
    return Collections.unmodifiableList(rows);
  }

  private static List<Object> values(String list, int lineNumber) {
    List<Object> out = new ArrayList<Object>();
    Matcher m = VALUE.matcher(list);
    int at = 0;
    while (at < list.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException(
            RESOURCE + " line " + lineNumber + ": cannot read the values from '" + list + "'");
      }
      out.add(value(m.group(1), lineNumber));
      at = m.end();
      if (m.group(2).isEmpty()) break;
    }
    return out;
  }

  private static Object value(String token, int lineNumber) {
    if (token.startsWith("'")) return token.substring(1, token.length() - 1).replace("''", "'");
    if (NUMBER.matcher(token).matches()) return Long.valueOf(token);
    if (token.equalsIgnoreCase("TRUE")) return Boolean.TRUE;
    if (token.equalsIgnoreCase("FALSE")) return Boolean.FALSE;
    if (token.equalsIgnoreCase("NULL")) return null;
    throw new IllegalArgumentException(
        RESOURCE
            + " line "
            + lineNumber
            + ": a value is not a number, text, boolean or NULL: "
            + token);
  }
}

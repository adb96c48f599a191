package com.ckengine.admin.screens;

import java.util.ArrayList;
import java.util.List;

/**
 * The New tags field: tag names separated by commas. A Kit tag name may itself hold a comma ("Sale,
 * Summer"), so such a name is written in double quotes, a quote inside it doubled, as in a CSV
 * file: {@code "Sale, Summer", vip}. The Edit form writes a rule's typed tags back this way, so
 * saving an edit keeps each name whole.
 */
final class TypedTagList {
  private TypedTagList() {}

  /**
   * The names in {@code raw}, trimmed, empty ones dropped.
   *
   * @throws IllegalArgumentException saying what is wrong (a quote not closed, text after one)
   */
  static List<String> parse(String raw) {
    List<String> out = new ArrayList<String>();
    if (raw == null) return out;
    int i = 0;
    int n = raw.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(raw.charAt(i))) i++;
      if (i < n && raw.charAt(i) == '"') {
        StringBuilder name = new StringBuilder();
        int at = i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException(
                "The quote that starts at character "
                    + (at + 1)
                    + " is not closed: write a name holding a comma in double quotes, e.g. "
                    + "\"Sale, Summer\"");
          }
          char c = raw.charAt(i++);
          if (c != '"') {
            name.append(c);
          } else if (i < n && raw.charAt(i) == '"') {
            name.append('"'); // a doubled quote is one quote of the name
            i++;
          } else {
            break;
          }
        }
        while (i < n && Character.isWhitespace(raw.charAt(i))) i++;
        if (i < n && raw.charAt(i) != ',') {
          throw new IllegalArgumentException(
              "Put a comma after the quoted name \"" + name + "\" before the next one");
        }
        i++; // the comma
        add(out, name.toString());
      } else {
        int comma = raw.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        add(out, raw.substring(i, end));
        i = end + 1;
      }
    }
    return out;
  }

  /**
   * The names as the field shows them: quoted where a name needs it, so {@link #parse} reads them
   * back.
   */
  static String join(List<String> names) {
    StringBuilder b = new StringBuilder();
    for (String name : names) {
      if (b.length() > 0) b.append(", ");
      if (name.indexOf(',') >= 0 || name.startsWith("\"")) {
        b.append('"').append(name.replace("\"", "\"\"")).append('"');
      } else {
        b.append(name);
      }
    }
    return b.toString();
  }

  private static void add(List<String> out, String name) {
    String t = name.trim();
    if (!t.isEmpty()) out.add(t);
  }
}

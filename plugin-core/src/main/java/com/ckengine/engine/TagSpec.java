package com.ckengine.engine;

import com.ckengine.api.RuleTag;
import java.util.ArrayList;
import java.util.List;

/**
 * The tags of an action as the worker needs them, one {@code <kit id>|<name>} per line (the id
 * empty when only the name is known). A tab-free, pipe-first format: ids never contain a pipe, and
 * everything after the first pipe is the name.
 */
final class TagSpec {
  private TagSpec() {}

  static String write(List<RuleTag> tags) {
    if (tags.isEmpty()) return null;
    StringBuilder b = new StringBuilder();
    for (RuleTag t : tags) {
      if (b.length() > 0) b.append('\n');
      b.append(t.kitTagId() == null ? "" : t.kitTagId().toString())
          .append('|')
          .append(t.name().replace('\n', ' '));
    }
    return b.toString();
  }

  static List<RuleTag> read(String spec) {
    List<RuleTag> out = new ArrayList<RuleTag>();
    if (spec == null) return out;
    for (String line : spec.split("\n")) {
      int bar = line.indexOf('|');
      String id = line.substring(0, bar);
      out.add(RuleTag.of(line.substring(bar + 1), id.isEmpty() ? null : Long.valueOf(id)));
    }
    return out;
  }
}

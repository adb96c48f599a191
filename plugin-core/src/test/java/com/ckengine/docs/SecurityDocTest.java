package com.ckengine.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.EventLine;
import com.ckengine.api.StoreEvent;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md, "What an event may contain", lists exactly the fields of an event and its
 * lines: a field added to either (a new kind of personal data) fails here until the doc says so.
 */
class SecurityDocTest {
  @Test
  void theDocListsEveryFieldAnEventCanCarry() {
    Path root = RepositoryFiles.root();
    String section =
        RepositoryFiles.section(
            RepositoryFiles.read(root.resolve("docs/security.md")), "What an event may contain");
    assertEquals(fields(StoreEvent.class), listed(section, "StoreEvent fields"));
    assertEquals(fields(EventLine.class), listed(section, "EventLine fields"));
  }

  private static Set<String> fields(Class<?> type) {
    Set<String> out = new TreeSet<String>();
    for (Field f : type.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) out.add(f.getName());
    }
    return out;
  }

  /** The backquoted names after "- <label>:" up to the next list item or blank line. */
  private static Set<String> listed(String section, String label) {
    Matcher m =
        Pattern.compile("(?ms)^- " + Pattern.quote(label) + ":(.*?)(?=^- |^\\s*$)")
            .matcher(section);
    assertTrue(m.find(), "docs/security.md has no '- " + label + ":' list");
    Set<String> out = new TreeSet<String>();
    Matcher name = Pattern.compile("`(\\w+)`").matcher(m.group(1));
    while (name.find()) out.add(name.group(1));
    return out;
  }
}

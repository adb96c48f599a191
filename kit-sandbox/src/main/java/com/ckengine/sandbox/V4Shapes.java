package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Kit's v4 JSON shapes, as its reference documents them: a subscriber, a tag, a page of a list with
 * its {@code pagination}. Callers hold the store's lock.
 */
final class V4Shapes {
  /** The subscriber states Kit knows. */
  static final List<String> STATES =
      Collections.unmodifiableList(
          Arrays.asList("active", "inactive", "bounced", "complained", "cancelled"));

  /** Kit's default and largest page sizes. */
  static final int DEFAULT_PER_PAGE = 500;

  static final int MAX_PER_PAGE = 1000;

  private V4Shapes() {}

  static ObjectNode tag(SandboxStore.Tag tag) {
    return tag.json();
  }

  /** {@code {"id","first_name","email_address","state","created_at","fields"}}. */
  static ObjectNode subscriber(SandboxStore.Subscriber s) {
    ObjectNode node = SandboxStore.NODES.objectNode();
    node.put("id", s.id);
    node.put("first_name", s.firstName);
    node.put("email_address", s.email);
    node.put("state", s.state);
    node.put("created_at", time(s.createdAt));
    ObjectNode fields = node.putObject("fields");
    for (Map.Entry<String, String> f : s.fields.entrySet()) fields.put(f.getKey(), f.getValue());
    return node;
  }

  /** A subscriber as answered about a tag: with {@code tagged_at} before {@code fields}. */
  static ObjectNode taggedSubscriber(SandboxStore.Subscriber s, long tagId) {
    ObjectNode node = subscriber(s);
    ObjectNode fields = (ObjectNode) node.remove("fields");
    Instant tagged = s.taggedAt.get(tagId);
    node.put("tagged_at", time(tagged == null ? s.createdAt : tagged));
    node.set("fields", fields);
    return node;
  }

  /** A subscriber as answered about a form or sequence: with {@code added_at}. */
  static ObjectNode addedSubscriber(SandboxStore.Subscriber s, long formOrSequenceId) {
    ObjectNode node = subscriber(s);
    ObjectNode fields = (ObjectNode) node.remove("fields");
    Instant added = s.addedAt.get(formOrSequenceId);
    node.put("added_at", time(added == null ? s.createdAt : added));
    node.set("fields", fields);
    return node;
  }

  /** Kit's dates: UTC, ISO 8601, whole seconds ({@code "2023-02-17T11:43:55Z"}). */
  static String time(Instant instant) {
    return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /**
   * Kit's cursors are opaque; the sandbox's, like Kit's, are the Base64 of a JSON array holding the
   * item's id ({@code WzEwXQ==} is {@code [10]}).
   */
  static String cursor(long id) {
    return Base64.getEncoder().encodeToString(("[" + id + "]").getBytes(StandardCharsets.UTF_8));
  }

  /** The id in a cursor, or a 422 for one the sandbox never gave. */
  static long idOfCursor(String cursor) {
    try {
      String text = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.matches("\\[\\d+\\]")) throw new IllegalArgumentException(text);
      return Long.parseLong(text.substring(1, text.length() - 1));
    } catch (IllegalArgumentException e) {
      throw V4Error.invalid("Cursor is invalid");
    }
  }

  /** Kit's {@code per_page}: default 500; a number from 1 to 1000, else a 422. */
  static int perPage(String perPage) {
    if (perPage == null || perPage.isEmpty()) return DEFAULT_PER_PAGE;
    int n;
    try {
      n = Integer.parseInt(perPage.trim());
    } catch (NumberFormatException e) {
      throw V4Error.invalid("per_page must be a number");
    }
    if (n < 1 || n > MAX_PER_PAGE) {
      throw V4Error.invalid("per_page must be between 1 and " + MAX_PER_PAGE);
    }
    return n;
  }

  /** One item of a list: its id (for the cursor) and its JSON. */
  static final class Item {
    final long id;
    final ObjectNode json;

    Item(long id, ObjectNode json) {
      this.id = id;
      this.json = json;
    }
  }

  /**
   * One page of a list, newest first as in Kit's examples: {@code {name: [...], "pagination":
   * {...}}}. {@code after} takes the items after that cursor, {@code before} those before it.
   */
  static ObjectNode page(String name, List<Item> items, Map<String, String> query) {
    int perPage = perPage(query.get("per_page"));
    List<Item> newestFirst = new java.util.ArrayList<Item>(items);
    Collections.sort(newestFirst, (a, b) -> Long.compare(b.id, a.id));
    int from = 0;
    int to;
    String after = empty(query.get("after"));
    String before = empty(query.get("before"));
    if (after != null) {
      long id = idOfCursor(after);
      while (from < newestFirst.size() && newestFirst.get(from).id >= id) from++;
      to = Math.min(newestFirst.size(), from + perPage);
    } else if (before != null) {
      long id = idOfCursor(before);
      to = 0;
      while (to < newestFirst.size() && newestFirst.get(to).id > id) to++;
      from = Math.max(0, to - perPage);
    } else {
      to = Math.min(newestFirst.size(), perPage);
    }
    ObjectNode json = SandboxStore.NODES.objectNode();
    ArrayNode list = json.putArray(name);
    for (int i = from; i < to; i++) list.add(newestFirst.get(i).json);
    ObjectNode pagination = json.putObject("pagination");
    pagination.put("has_previous_page", from > 0);
    pagination.put("has_next_page", to < newestFirst.size());
    if (from < to) {
      pagination.put("start_cursor", cursor(newestFirst.get(from).id));
      pagination.put("end_cursor", cursor(newestFirst.get(to - 1).id));
    } else {
      pagination.putNull("start_cursor");
      pagination.putNull("end_cursor");
    }
    pagination.put("per_page", perPage);
    return json;
  }

  private static String empty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}

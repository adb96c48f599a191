package com.ckengine.admin.screens;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the screens print instants: UTC, to the second, the same on every node. */
final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Times() {}

  static String format(Instant i) {
    return i == null ? null : FORMAT.format(i);
  }
}

package com.ckengine.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link StoreEvent} or {@link EventLine} could not be built because its data is wrong. The
 * message lists every problem at once, so a host fixes its mapping in one go rather than one field
 * per deploy.
 */
public final class InvalidEventException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidEventException(String what, List<String> problems) {
    super(what + " is invalid: " + join(problems));
    this.problems = Collections.unmodifiableList(new ArrayList<String>(problems));
  }

  /** Each problem, e.g. {@code "email 'bob@' is not an email address"}. */
  public List<String> problems() {
    return problems;
  }

  private static String join(List<String> problems) {
    StringBuilder b = new StringBuilder();
    for (String p : problems) {
      if (b.length() > 0) b.append("; ");
      b.append(p);
    }
    return b.toString();
  }
}

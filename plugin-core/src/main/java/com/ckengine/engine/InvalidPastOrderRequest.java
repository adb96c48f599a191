package com.ckengine.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A past-orders request the engine refuses, with every reason by field: {@code integration}, {@code
 * range}, {@code rules}, or {@code run} (another run of the integration is active, the run asked
 * for is not in a state that allows it). Nothing was stored or started.
 */
public final class InvalidPastOrderRequest extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final Map<String, String> problems;

  InvalidPastOrderRequest(Map<String, String> problems) {
    super(describe(problems));
    this.problems = Collections.unmodifiableMap(new LinkedHashMap<String, String>(problems));
  }

  static InvalidPastOrderRequest of(String field, String problem) {
    Map<String, String> m = new LinkedHashMap<String, String>();
    m.put(field, problem);
    return new InvalidPastOrderRequest(m);
  }

  /** Field name to the reason, in the order found. */
  public Map<String, String> problems() {
    return problems;
  }

  private static String describe(Map<String, String> problems) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : problems.entrySet()) {
      b.append(b.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(e.getValue());
    }
    return b.toString();
  }
}

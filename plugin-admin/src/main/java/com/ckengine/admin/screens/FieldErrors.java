package com.ckengine.admin.screens;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validation messages by form field, shown beside the field. {@link #GLOBAL} holds messages that
 * belong to no single field.
 */
public final class FieldErrors {
  public static final String GLOBAL = "_global";

  private final Map<String, String> byField = new LinkedHashMap<String, String>();

  /** Keeps the first message of a field. */
  public FieldErrors add(String field, String message) {
    if (!byField.containsKey(field)) byField.put(field, message);
    return this;
  }

  public boolean isEmpty() {
    return byField.isEmpty();
  }

  public boolean has(String field) {
    return byField.containsKey(field);
  }

  /** The message of {@code field}, or null. */
  public String get(String field) {
    return byField.get(field);
  }

  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(byField);
  }

  @Override
  public String toString() {
    return byField.toString();
  }
}

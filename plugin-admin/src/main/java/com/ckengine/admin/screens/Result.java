package com.ckengine.admin.screens;

/** A value, or the field errors that prevented it. */
public final class Result<T> {
  private final T value;
  private final FieldErrors errors;

  private Result(T value, FieldErrors errors) {
    this.value = value;
    this.errors = errors;
  }

  static <T> Result<T> ok(T value) {
    return new Result<T>(value, new FieldErrors());
  }

  static <T> Result<T> failed(FieldErrors errors) {
    if (errors.isEmpty()) throw new IllegalArgumentException("a failure needs a message");
    return new Result<T>(null, errors);
  }

  static <T> Result<T> failed(String field, String message) {
    return failed(new FieldErrors().add(field, message));
  }

  public boolean isOk() {
    return errors.isEmpty();
  }

  /** The value; null when failed. */
  public T value() {
    return value;
  }

  public FieldErrors errors() {
    return errors;
  }
}

package com.ckengine.admin.access;

/** The signed-in admin user may not do what the request asked; answered with 403. */
public final class NoAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NoAccessException(String message) {
    super(message);
  }
}

package com.ckengine.broadleaf.refund;

/** A refund that cannot be recorded as asked; the message says why, for the operator. */
public class RefundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RefundException(String message) {
    super(message);
  }
}

package com.ckengine.sandbox;

/**
 * How the sandbox answers a request it has already carried out, to act out answers that leave a
 * client not knowing whether Kit acted: Kit recorded the purchase (or tag), then the answer is
 * lost.
 */
public enum AfterActing {
  /** A 500 with Kit's body for it. */
  SERVER_ERROR,
  /** A 200 whose body is not JSON. */
  UNREADABLE_OK,
  /** No answer: the connection is held open past any client timeout, then closed. */
  NO_ANSWER
}

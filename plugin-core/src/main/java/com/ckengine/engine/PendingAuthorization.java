package com.ckengine.engine;

import java.io.Serializable;

/**
 * One "Connect with Kit" between the operator leaving for Kit's authorize page and coming back: the
 * label they chose, where Kit sends them back, the state that ties the answer to this request and
 * the PKCE verifier. Kept in the operator's session (hence serializable), never in a page or a URL
 * but {@link #authorizeUrl()}, which carries only the challenge.
 */
public final class PendingAuthorization implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String label;
  private final String redirectUri;
  private final String state;
  private final String verifier;
  private final String authorizeUrl;
  private final long startedAtMillis;

  PendingAuthorization(
      String label,
      String redirectUri,
      String state,
      String verifier,
      String authorizeUrl,
      long startedAtMillis) {
    this.label = label;
    this.redirectUri = redirectUri;
    this.state = state;
    this.verifier = verifier;
    this.authorizeUrl = authorizeUrl;
    this.startedAtMillis = startedAtMillis;
  }

  /** The integration's label, as the operator typed it before leaving for Kit. */
  public String label() {
    return label;
  }

  /** Where to send the operator's browser now. */
  public String authorizeUrl() {
    return authorizeUrl;
  }

  String redirectUri() {
    return redirectUri;
  }

  String state() {
    return state;
  }

  String verifier() {
    return verifier;
  }

  long startedAtMillis() {
    return startedAtMillis;
  }

  @Override
  public String toString() {
    return "PendingAuthorization{" + label + ", redacted}";
  }
}

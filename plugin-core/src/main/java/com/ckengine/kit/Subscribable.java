package com.ckengine.kit;

/** What of a Kit account a subscriber can be added to besides tags: a form or a sequence. */
public enum Subscribable {
  //      path,        v3's list key, word for people
  FORM("forms", "forms", "form"),
  /** v3 calls sequences "courses" in its answers; the paths say "sequences" in both versions. */
  SEQUENCE("sequences", "courses", "sequence");

  final String path;
  final String v3ListKey;
  private final String word;

  Subscribable(String path, String v3ListKey, String word) {
    this.path = path;
    this.v3ListKey = v3ListKey;
    this.word = word;
  }

  /** "form" or "sequence". */
  public String word() {
    return word;
  }
}

package com.ckengine.engine.store;

import java.io.Serializable;
import javax.persistence.Column;
import javax.persistence.Embeddable;
import javax.persistence.EmbeddedId;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * Index of an action's tags ({@code CK_ACTION_TAG}, lower-case names) so the log can find the
 * actions of one tag through an index instead of scanning a text column.
 */
@Entity
@Table(name = "CK_ACTION_TAG")
@org.hibernate.annotations.Table(
    appliesTo = "CK_ACTION_TAG",
    indexes = {
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_TAG_KEY",
          columnNames = {"TAG_KEY", "ACTION_ID"})
    })
public class ActionTagEntity {
  /** Action id and tag key. */
  @Embeddable
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    @Column(name = "ACTION_ID", nullable = false)
    private long actionId;

    @Column(name = "TAG_KEY", nullable = false, length = 255)
    private String tagKey;

    protected Key() {}

    public Key(long actionId, String tagKey) {
      this.actionId = actionId;
      this.tagKey = tagKey;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && ((Key) o).actionId == actionId && ((Key) o).tagKey.equals(tagKey);
    }

    @Override
    public int hashCode() {
      return (int) actionId * 31 + tagKey.hashCode();
    }
  }

  @EmbeddedId private Key key;

  protected ActionTagEntity() {}

  public ActionTagEntity(long actionId, String tagKey) {
    this.key = new Key(actionId, tagKey);
  }
}

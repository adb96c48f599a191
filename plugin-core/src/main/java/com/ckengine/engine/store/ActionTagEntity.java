package com.ckengine.engine.store;

import com.ckengine.api.RuleTag;
import java.io.Serializable;
import javax.persistence.Column;
import javax.persistence.Embeddable;
import javax.persistence.EmbeddedId;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * One planned tag of an action ({@code CK_ACTION_TAG}): its place in the action, its name as the
 * rule has it, Kit's id when the rule picked it from the account, and its lower-case key. The
 * worker reads an action's tags from here, in order; the log finds the actions of one tag through
 * the (key, action) index.
 *
 * <p>One row per tag, each bounded by {@link RuleTag#MAX_NAME_LENGTH}: an action of any number of
 * tags (several rules merged into one) is stored; a single text column of them had a size an action
 * could exceed, and then its event could not be stored at all.
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

    @Column(name = "TAG_KEY", nullable = false, length = RuleTag.MAX_NAME_LENGTH)
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

  /** The tag's place among the action's tags, from 0: the order the rules named them in. */
  @Column(name = "POSITION", nullable = false)
  private int position;

  @Column(name = "TAG_NAME", nullable = false, length = RuleTag.MAX_NAME_LENGTH)
  private String tagName;

  /** Null for a tag typed by hand: the worker finds or creates it in Kit by name. */
  @Column(name = "KIT_TAG_ID")
  private Long kitTagId;

  protected ActionTagEntity() {}

  public ActionTagEntity(long actionId, int position, RuleTag tag) {
    this.key = new Key(actionId, tag.key());
    this.position = position;
    this.tagName = tag.name();
    this.kitTagId = tag.kitTagId();
  }

  public int getPosition() {
    return position;
  }

  /** The tag as the rule named it. */
  public RuleTag toRuleTag() {
    return RuleTag.of(tagName, kitTagId);
  }
}

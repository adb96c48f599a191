package com.ckengine.kit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tags one subscriber, by email, with one or more tags in a single call to Kit. Kit creates the
 * subscriber if missing. The first tag id goes in the path, the others in Kit's {@code tags} array.
 * Immutable; build with {@link #builder()}.
 */
public final class TagSubscriberRequest {
  private final String email;
  private final String firstName;
  private final List<Long> tagIds;
  private final Map<String, String> fields;

  private TagSubscriberRequest(Builder b) {
    this.email = b.email;
    this.firstName = b.firstName;
    this.tagIds = Collections.unmodifiableList(new ArrayList<Long>(b.tagIds));
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<String, String>(b.fields));
  }

  public static Builder builder() {
    return new Builder();
  }

  public String email() {
    return email;
  }

  /** The first name to give the subscriber, or null to leave it as Kit has it. */
  public String firstName() {
    return firstName;
  }

  /** At least one tag id, without duplicates, in the order given. */
  public List<Long> tagIds() {
    return tagIds;
  }

  /** Kit custom fields (key to value) to set on the subscriber; may be empty. */
  public Map<String, String> fields() {
    return fields;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TagSubscriberRequest)) return false;
    TagSubscriberRequest that = (TagSubscriberRequest) o;
    return email.equals(that.email)
        && (firstName == null ? that.firstName == null : firstName.equals(that.firstName))
        && tagIds.equals(that.tagIds)
        && fields.equals(that.fields);
  }

  @Override
  public int hashCode() {
    int h = email.hashCode();
    h = h * 31 + (firstName == null ? 0 : firstName.hashCode());
    h = h * 31 + tagIds.hashCode();
    return h * 31 + fields.hashCode();
  }

  @Override
  public String toString() {
    return "TagSubscriberRequest{" + email + ", tags=" + tagIds + "}";
  }

  /** Builds a {@link TagSubscriberRequest}. */
  public static final class Builder {
    private String email;
    private String firstName;
    private final Set<Long> tagIds = new LinkedHashSet<Long>();
    private final Map<String, String> fields = new LinkedHashMap<String, String>();

    private Builder() {}

    public Builder email(String email) {
      this.email = email;
      return this;
    }

    public Builder firstName(String firstName) {
      this.firstName = firstName;
      return this;
    }

    public Builder addTagId(long tagId) {
      tagIds.add(tagId);
      return this;
    }

    public Builder tagIds(Iterable<Long> ids) {
      for (Long id : ids) addTagId(id);
      return this;
    }

    public Builder field(String key, String value) {
      if (key == null || value == null) throw new NullPointerException("field key/value");
      fields.put(key, value);
      return this;
    }

    public Builder fields(Map<String, String> fields) {
      for (Map.Entry<String, String> e : fields.entrySet()) field(e.getKey(), e.getValue());
      return this;
    }

    /**
     * @throws IllegalArgumentException without an email or without a tag id
     */
    public TagSubscriberRequest build() {
      if (email == null || email.trim().isEmpty()) {
        throw new IllegalArgumentException("email is required");
      }
      if (tagIds.isEmpty()) throw new IllegalArgumentException("at least one tag id is required");
      return new TagSubscriberRequest(this);
    }
  }
}

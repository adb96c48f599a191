package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kit's v4 operations on the sandbox's one store (the same accounts, tags, subscribers and
 * purchases the v3 side sees), answering in v4's shapes and statuses as Kit's reference documents
 * them. Every method holds the store's lock.
 */
final class V4Operations {
  private static final List<String> NONE = Collections.emptyList();

  private final SandboxStore store;

  V4Operations(SandboxStore store) {
    this.store = store;
  }

  V4Answer account(SandboxStore.Account a) {
    synchronized (store) {
      ObjectNode json = SandboxStore.NODES.objectNode();
      json.putObject("user").put("email", a.primaryEmail).put("id", a.id);
      ObjectNode account = json.putObject("account");
      account.put("id", a.id);
      account.put("name", a.name);
      account.put("plan_type", "sandbox");
      account.put("primary_email_address", a.primaryEmail);
      account.put("created_at", V4Shapes.time(a.createdAt));
      ObjectNode zone = account.putObject("timezone");
      zone.put("name", "Etc/UTC").put("friendly_name", "UTC").put("utc_offset", "+00:00");
      return V4Answer.ok(json);
    }
  }

  // ---- tags ---------------------------------------------------------------------------------

  V4Answer listTags(SandboxStore.Account a, Map<String, String> query) {
    synchronized (store) {
      List<V4Shapes.Item> items = new ArrayList<V4Shapes.Item>();
      for (SandboxStore.Tag t : a.tags.values()) items.add(new V4Shapes.Item(t.id, t.json()));
      return V4Answer.ok(V4Shapes.page("tags", items, query));
    }
  }

  /** {@code {"name"}}: 201 with the new tag, 200 with the one of that name if it exists. */
  V4Answer createTag(SandboxStore.Account a, JsonNode body) {
    V4Body b = V4Body.of(body, new String[] {"name"});
    synchronized (store) {
      String name = b.text("name").trim();
      for (SandboxStore.Tag tag : a.tags.values()) {
        if (tag.name.equalsIgnoreCase(name)) return V4Answer.madeOrFound(false, tagged(tag));
      }
      SandboxStore.Tag tag = new SandboxStore.Tag(store.nextId(), name, SandboxStore.now());
      a.tags.put(tag.id, tag);
      return V4Answer.madeOrFound(true, tagged(tag));
    }
  }

  private static ObjectNode tagged(SandboxStore.Tag tag) {
    ObjectNode json = SandboxStore.NODES.objectNode();
    json.set("tag", tag.json());
    return json;
  }

  /** Tags a subscriber who must already exist: 201 tagged, 200 when it already had the tag. */
  V4Answer tagByEmail(SandboxStore.Account a, long tagId, JsonNode body) {
    String email =
        emailOf(body, "Either subscriber id or email address is required to tag subscriber");
    synchronized (store) {
      return tag(a, tagId, a.subscriber(email));
    }
  }

  V4Answer tagById(SandboxStore.Account a, long tagId, long subscriberId, JsonNode body) {
    V4Body.of(body, new String[0]);
    synchronized (store) {
      return tag(a, tagId, a.subscriberById(subscriberId));
    }
  }

  private V4Answer tag(SandboxStore.Account a, long tagId, SandboxStore.Subscriber s) {
    if (!a.tags.containsKey(tagId) || s == null) throw V4Error.notFound();
    boolean made = !s.taggings.containsKey(tagId);
    if (made) {
      s.taggings.put(tagId, store.nextId());
      s.taggedAt.put(tagId, SandboxStore.now());
    }
    ObjectNode json = SandboxStore.NODES.objectNode();
    json.set("subscriber", V4Shapes.taggedSubscriber(s, tagId));
    return V4Answer.madeOrFound(made, json);
  }

  /** 204, whether or not the subscriber had the tag; 404 for an unknown tag or subscriber. */
  V4Answer untagByEmail(SandboxStore.Account a, long tagId, JsonNode body) {
    String email =
        emailOf(
            body,
            "Either subscriber id or email address is required to remove tag from subscriber");
    synchronized (store) {
      return untag(a, tagId, a.subscriber(email));
    }
  }

  V4Answer untagById(SandboxStore.Account a, long tagId, long subscriberId, JsonNode body) {
    V4Body.of(body, new String[0]);
    synchronized (store) {
      return untag(a, tagId, a.subscriberById(subscriberId));
    }
  }

  private static V4Answer untag(SandboxStore.Account a, long tagId, SandboxStore.Subscriber s) {
    if (!a.tags.containsKey(tagId) || s == null) throw V4Error.notFound();
    s.taggings.remove(tagId);
    s.taggedAt.remove(tagId);
    return V4Answer.noContent();
  }

  /** The body's {@code email_address} (its only field), or a 422 in Kit's words. */
  private static String emailOf(JsonNode body, String missing) {
    V4Body b = V4Body.of(body, NONE, Collections.singletonList("email_address"));
    if (V4Body.blank(b.get("email_address"))) throw V4Error.invalid(missing);
    return b.text("email_address").trim();
  }

  // ---- subscribers ----------------------------------------------------------------------------

  /**
   * Kit's upsert: creates the subscriber (201, in {@code state} if given) or updates its first name
   * (200); custom fields the account does not have are ignored, as Kit ignores them.
   */
  V4Answer upsertSubscriber(SandboxStore.Account a, JsonNode body) {
    V4Body b = V4Body.of(body, new String[] {"email_address"}, "first_name", "state", "fields");
    String email = b.text("email_address").trim();
    if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw V4Error.invalid("Email address is invalid");
    }
    String state = b.text("state");
    if (state != null && !V4Shapes.STATES.contains(state)) {
      throw V4Error.invalid("State is not included in the list");
    }
    JsonNode fields = b.get("fields");
    if (fields != null && !fields.isNull() && !fields.isObject()) {
      throw V4Error.invalid("Fields must be an object");
    }
    synchronized (store) {
      SandboxStore.Subscriber s = a.subscriber(email);
      boolean made = s == null;
      if (made) {
        s = store.addSubscriber(a, email);
        if (state != null) s.state = state;
      }
      if (b.get("first_name") != null) s.firstName = b.text("first_name");
      if (fields != null && fields.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> f = it.next();
          if (a.customField(f.getKey()) == null) continue;
          if (f.getValue().isNull()) s.fields.remove(f.getKey());
          else s.fields.put(f.getKey(), f.getValue().asText());
        }
      }
      ObjectNode json = SandboxStore.NODES.objectNode();
      json.set("subscriber", V4Shapes.subscriber(s));
      return V4Answer.madeOrFound(made, json);
    }
  }

  /**
   * {@code email_address} (any case) and {@code status} (default {@code active}: without {@code
   * status=all} Kit shows only active subscribers).
   */
  V4Answer listSubscribers(SandboxStore.Account a, Map<String, String> query) {
    String status = query.get("status");
    if (status == null || status.isEmpty()) status = "active";
    if (!status.equals("all") && !V4Shapes.STATES.contains(status)) {
      throw V4Error.invalid("Status is invalid");
    }
    String email = query.get("email_address");
    synchronized (store) {
      List<V4Shapes.Item> items = new ArrayList<V4Shapes.Item>();
      for (SandboxStore.Subscriber s : a.subscribers.values()) {
        if (email != null && !SandboxStore.key(email).equals(SandboxStore.key(s.email))) continue;
        if (!status.equals("all") && !status.equals(s.state)) continue;
        items.add(new V4Shapes.Item(s.id, V4Shapes.subscriber(s)));
      }
      return V4Answer.ok(V4Shapes.page("subscribers", items, query));
    }
  }

  // ---- forms, sequences, custom fields ------------------------------------------------------

  V4Answer listForms(SandboxStore.Account a, Map<String, String> query) {
    synchronized (store) {
      List<V4Shapes.Item> items = new ArrayList<V4Shapes.Item>();
      for (SandboxStore.Named f : a.forms.values()) {
        String uid = f.uid();
        ObjectNode json = SandboxStore.NODES.objectNode();
        json.put("id", f.id);
        json.put("name", f.name);
        json.put("created_at", V4Shapes.time(f.createdAt));
        json.put("type", "embed");
        json.putNull("format");
        json.put("embed_js", "https://sandbox.kit.invalid/" + uid + "/index.js");
        json.put("embed_url", "https://sandbox.kit.invalid/" + uid);
        json.put("archived", false);
        json.put("uid", uid);
        items.add(new V4Shapes.Item(f.id, json));
      }
      return V4Answer.ok(V4Shapes.page("forms", items, query));
    }
  }

  V4Answer listSequences(SandboxStore.Account a, Map<String, String> query) {
    synchronized (store) {
      List<V4Shapes.Item> items = new ArrayList<V4Shapes.Item>();
      for (SandboxStore.Named q : a.sequences.values()) {
        ObjectNode json = SandboxStore.NODES.objectNode();
        json.put("id", q.id);
        json.put("name", q.name);
        json.put("hold", false);
        json.put("repeat", false);
        json.put("created_at", V4Shapes.time(q.createdAt));
        items.add(new V4Shapes.Item(q.id, json));
      }
      return V4Answer.ok(V4Shapes.page("sequences", items, query));
    }
  }

  /**
   * Adds an existing subscriber to a form: 201 added, 200 already there; 404 if either is unknown.
   */
  V4Answer addToForm(SandboxStore.Account a, long formId, JsonNode body) {
    V4Body b = V4Body.of(body, new String[] {"email_address"}, "referrer");
    synchronized (store) {
      return add(a.forms, formId, a.subscriber(b.text("email_address").trim()));
    }
  }

  V4Answer addToSequence(SandboxStore.Account a, long sequenceId, JsonNode body) {
    V4Body b = V4Body.of(body, new String[] {"email_address"});
    synchronized (store) {
      return add(a.sequences, sequenceId, a.subscriber(b.text("email_address").trim()));
    }
  }

  private static V4Answer add(
      Map<Long, SandboxStore.Named> where, long id, SandboxStore.Subscriber s) {
    if (!where.containsKey(id) || s == null) throw V4Error.notFound();
    boolean made = !s.addedAt.containsKey(id);
    if (made) s.addedAt.put(id, SandboxStore.now());
    ObjectNode json = SandboxStore.NODES.objectNode();
    json.set("subscriber", V4Shapes.addedSubscriber(s, id));
    return V4Answer.madeOrFound(made, json);
  }

  V4Answer listCustomFields(SandboxStore.Account a, Map<String, String> query) {
    synchronized (store) {
      List<V4Shapes.Item> items = new ArrayList<V4Shapes.Item>();
      for (SandboxStore.CustomField f : a.customFields.values()) {
        ObjectNode json = SandboxStore.NODES.objectNode();
        json.put("id", f.id);
        json.put("name", f.name());
        json.put("key", f.key);
        json.put("label", f.label);
        items.add(new V4Shapes.Item(f.id, json));
      }
      return V4Answer.ok(V4Shapes.page("custom_fields", items, query));
    }
  }
}

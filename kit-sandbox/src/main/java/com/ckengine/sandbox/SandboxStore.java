package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's Kit: accounts with their tags, subscribers, taggings and purchases, in memory.
 * Answers in Kit's v3 JSON shapes. One lock (this object) guards everything: the sandbox serves a
 * demo and tests, where simplicity beats throughput.
 */
final class SandboxStore {
  /** Kit's page size for {@code GET /purchases}. */
  static final int PURCHASES_PER_PAGE = 50;

  /** Keeps amounts exactly as received ("10.50" stays "10.50"). */
  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Account> bySecret = new HashMap<String, Account>();
  private final Map<String, Account> byV4Key = new HashMap<String, Account>();
  private final List<Account> accounts = new ArrayList<Account>();
  private long nextId = 1000;

  synchronized String createAccount(String name, String primaryEmail, String secret) {
    return createAccount(name, primaryEmail, secret, null);
  }

  /**
   * Adds an account with its v3 secret and its V4 API key (each random when null): one Kit account,
   * seen through either API.
   */
  synchronized String createAccount(String name, String primaryEmail, String secret, String v4Key) {
    if (secret == null) secret = newSecret();
    if (v4Key == null) v4Key = newToken("kit_");
    if (bySecret.containsKey(secret)) throw new IllegalArgumentException("secret already in use");
    if (byV4Key.containsKey(v4Key) || bySecret.containsKey(v4Key) || secret.equals(v4Key)) {
      throw new IllegalArgumentException("V4 API key already in use");
    }
    Account account = new Account(nextId++, name, primaryEmail);
    accounts.add(account);
    account.secrets.add(secret);
    bySecret.put(secret, account);
    account.v4Keys.add(v4Key);
    byV4Key.put(v4Key, account);
    return secret;
  }

  /** The account's current V4 API key (the newest), or null when every one was revoked. */
  synchronized String v4ApiKey(String secret) {
    String newest = null;
    for (String key : authenticate(secret).v4Keys) newest = key;
    return newest;
  }

  /** The account this V4 API key opens, or null (unknown or revoked). */
  synchronized Account accountOfV4Key(String key) {
    return key == null ? null : byV4Key.get(key);
  }

  /** Kit refuses this V4 API key from now on; false if it opened nothing. */
  synchronized boolean revokeV4ApiKey(String key) {
    Account account = byV4Key.remove(key);
    if (account == null) return false;
    account.v4Keys.remove(key);
    return true;
  }

  /** The account with this id, or null. */
  synchronized Account accountById(long id) {
    for (Account a : accounts) {
      if (a.id == id) return a;
    }
    return null;
  }

  /** Every account, in creation order (for the OAuth consent page). */
  synchronized List<Account> accounts() {
    return new ArrayList<Account>(accounts);
  }

  /** A new random credential with this prefix (API keys, OAuth codes and tokens). */
  synchronized String newToken(String prefix) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return prefix + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The next id of Kit's one id sequence (tags, subscribers, forms, purchases...). */
  synchronized long nextId() {
    return nextId++;
  }

  /** Gives the account of {@code secret} one more secret; both open the same account. */
  synchronized String addSecret(String secret) {
    Account account = bySecret.get(secret);
    if (account == null) throw new IllegalArgumentException("unknown secret");
    String another = newSecret();
    account.secrets.add(another);
    bySecret.put(another, account);
    return another;
  }

  /**
   * What the rate limit counts against: the account this secret opens, so that every secret of one
   * account shares one budget; an unknown secret counts on its own.
   */
  synchronized String limitKey(String secret) {
    Account account = secret == null ? null : bySecret.get(secret);
    return account == null ? "secret:" + secret : "account:" + account.id;
  }

  /** The account this secret opens, or a 401 in Kit's words. */
  synchronized Account authenticate(String secret) {
    if (secret == null || secret.isEmpty()) throw ApiError.keyNotPresent();
    Account account = bySecret.get(secret);
    if (account == null) throw ApiError.keyNotValid();
    return account;
  }

  /** Makes Kit refuse this secret from now on (as when the operator regenerates it). */
  synchronized void rejectSecret(String secret) {
    Account account = bySecret.remove(secret);
    if (account != null) account.secrets.remove(secret);
  }

  /** Replaces the secret of an account: the old one is refused, the new one returned. */
  synchronized String rotateSecret(String secret) {
    Account account = bySecret.remove(secret);
    if (account == null) throw new IllegalArgumentException("unknown secret");
    account.secrets.remove(secret);
    String fresh = newSecret();
    account.secrets.add(fresh);
    bySecret.put(fresh, account);
    return fresh;
  }

  // ---- the v3 operations; each returns the JSON answer -------------------------------------

  synchronized ObjectNode account(Account account) {
    ObjectNode json = NODES.objectNode();
    json.put("name", account.name);
    json.put("plan_type", "sandbox");
    json.put("primary_email_address", account.primaryEmail);
    return json;
  }

  synchronized ObjectNode listTags(Account account) {
    ObjectNode json = NODES.objectNode();
    ArrayNode tags = json.putArray("tags");
    for (Tag tag : account.tags.values()) tags.add(tag.json());
    return json;
  }

  synchronized ObjectNode createTag(Account account, String name) {
    if (name == null || name.trim().isEmpty()) throw ApiError.missing("tag name");
    for (Tag tag : account.tags.values()) {
      if (tag.name.equalsIgnoreCase(name)) throw ApiError.invalid("Name has already been taken");
    }
    Tag tag = new Tag(nextId++, name, now());
    account.tags.put(tag.id, tag);
    return tag.json();
  }

  synchronized ObjectNode subscribe(
      Account account,
      long tagId,
      String email,
      String firstName,
      Map<String, String> fields,
      List<Long> moreTagIds) {
    if (email == null || email.trim().isEmpty()) throw ApiError.missing("email");
    List<Long> ids = new ArrayList<Long>();
    ids.add(tagId);
    ids.addAll(moreTagIds);
    for (Long id : ids) {
      if (!account.tags.containsKey(id)) throw ApiError.tagNotFound();
    }
    Subscriber subscriber = upsert(account, email, firstName, fields);
    long subscriptionId = 0;
    for (Long id : ids) {
      Long existing = subscriber.taggings.get(id);
      if (existing == null) {
        existing = nextId++;
        subscriber.taggings.put(id, existing);
        subscriber.taggedAt.put(id, now());
      }
      if (id == tagId) subscriptionId = existing;
    }
    ObjectNode json = NODES.objectNode();
    ObjectNode subscription = json.putObject("subscription");
    subscription.put("id", subscriptionId);
    subscription.put("state", subscriber.state);
    subscription.put("created_at", subscriber.createdAt.toString());
    subscription.putNull("source");
    subscription.putNull("referrer");
    subscription.put("subscribable_id", tagId);
    subscription.put("subscribable_type", "tag");
    subscription.putObject("subscriber").put("id", subscriber.id);
    return json;
  }

  /** The subscriber of this email, made if new, with the first name and field values given. */
  private Subscriber upsert(
      Account account, String email, String firstName, Map<String, String> fields) {
    Subscriber subscriber = account.subscriber(email);
    if (subscriber == null) {
      subscriber = new Subscriber(nextId++, email.trim(), now());
      account.subscribers.put(key(email), subscriber);
    }
    if (firstName != null) subscriber.firstName = firstName;
    for (Map.Entry<String, String> f : fields.entrySet()) {
      // Kit ignores a key the account has no custom field for, without an error (v3 and v4).
      if (account.customField(f.getKey()) != null) subscriber.fields.put(f.getKey(), f.getValue());
    }
    return subscriber;
  }

  /**
   * v3's {@code GET /forms}: {@code {"forms":[{"id","name","created_at","type","format",
   * "embed_js","embed_url","archived","uid"}]}}, every form at once (v3 does not page it).
   */
  synchronized ObjectNode listForms(Account account) {
    ObjectNode json = NODES.objectNode();
    ArrayNode forms = json.putArray("forms");
    for (Named f : account.forms.values()) {
      ObjectNode form = forms.addObject();
      form.put("id", f.id);
      form.put("name", f.name);
      form.put("created_at", f.createdAt.toString());
      form.put("type", "embed");
      form.putNull("format");
      form.put("embed_js", "https://sandbox.kit.invalid/" + f.uid() + "/index.js");
      form.put("embed_url", "https://sandbox.kit.invalid/" + f.uid());
      form.put("archived", false);
      form.put("uid", f.uid());
    }
    return json;
  }

  /** v3's {@code GET /sequences}: Kit's v3 calls them courses, {@code {"courses":[...]}}. */
  synchronized ObjectNode listCourses(Account account) {
    ObjectNode json = NODES.objectNode();
    ArrayNode courses = json.putArray("courses");
    for (Named q : account.sequences.values()) {
      ObjectNode course = courses.addObject();
      course.put("id", q.id);
      course.put("name", q.name);
      course.put("created_at", q.createdAt.toString());
    }
    return json;
  }

  /**
   * v3's {@code POST /forms/{id}/subscribe} and {@code POST /sequences/{id}/subscribe}: the
   * subscriber is made if new (first name, fields and any {@code tags} too) and added; answers
   * {@code {"subscription":{..., "subscribable_type":"form"|"course", "subscriber":{"id"}}}}. An
   * unknown form or sequence is Kit's 404.
   */
  synchronized ObjectNode subscribeTo(
      Account account,
      boolean form,
      long id,
      String email,
      String firstName,
      Map<String, String> fields,
      List<Long> tagIds) {
    if (email == null || email.trim().isEmpty()) throw ApiError.missing("email");
    Map<Long, Named> where = form ? account.forms : account.sequences;
    if (!where.containsKey(id)) throw ApiError.notFound();
    for (Long tagId : tagIds) {
      if (!account.tags.containsKey(tagId)) throw ApiError.tagNotFound();
    }
    Subscriber subscriber = upsert(account, email, firstName, fields);
    for (Long tagId : tagIds) {
      if (!subscriber.taggings.containsKey(tagId)) {
        subscriber.taggings.put(tagId, nextId++);
        subscriber.taggedAt.put(tagId, now());
      }
    }
    if (!subscriber.addedAt.containsKey(id)) subscriber.addedAt.put(id, now());
    Long subscriptionId = subscriber.additions.get(id);
    if (subscriptionId == null) subscriber.additions.put(id, subscriptionId = nextId++);
    ObjectNode json = NODES.objectNode();
    ObjectNode subscription = json.putObject("subscription");
    subscription.put("id", subscriptionId);
    subscription.put("state", subscriber.state);
    subscription.put("created_at", subscriber.addedAt.get(id).toString());
    subscription.putNull("source");
    subscription.putNull("referrer");
    subscription.put("subscribable_id", id);
    subscription.put("subscribable_type", form ? "form" : "course");
    subscription.putObject("subscriber").put("id", subscriber.id);
    return json;
  }

  /**
   * Removes a tag from the subscriber with this email; answers the tag. An email Kit does not know
   * answers the tag too, as Kit does: there is nothing to remove.
   */
  synchronized ObjectNode unsubscribe(Account account, long tagId, String email) {
    if (email == null || email.trim().isEmpty()) throw ApiError.missing("email");
    Tag tag = account.tags.get(tagId);
    if (tag == null) throw ApiError.notFound();
    Subscriber subscriber = account.subscriber(email);
    if (subscriber != null) subscriber.taggings.remove(tagId);
    return tag.json();
  }

  synchronized ObjectNode removeTagging(Account account, long subscriberId, long tagId) {
    Tag tag = account.tags.get(tagId);
    Subscriber subscriber = null;
    for (Subscriber s : account.subscribers.values()) {
      if (s.id == subscriberId) subscriber = s;
    }
    if (tag == null || subscriber == null) throw ApiError.notFound();
    subscriber.taggings.remove(tagId);
    return tag.json();
  }

  synchronized ObjectNode findSubscribers(Account account, String email) {
    List<Subscriber> found = new ArrayList<Subscriber>();
    if (email == null) {
      found.addAll(account.subscribers.values());
    } else {
      Subscriber s = account.subscriber(email);
      if (s != null) found.add(s);
    }
    ObjectNode json = NODES.objectNode();
    json.put("total_subscribers", found.size());
    json.put("page", 1);
    json.put("total_pages", 1);
    ArrayNode subscribers = json.putArray("subscribers");
    for (Subscriber s : found) {
      ObjectNode node = subscribers.addObject();
      node.put("id", s.id);
      node.put("first_name", s.firstName);
      node.put("email_address", s.email);
      node.put("state", s.state);
      node.put("created_at", s.createdAt.toString());
      ObjectNode fields = node.putObject("fields");
      for (Map.Entry<String, String> f : s.fields.entrySet()) fields.put(f.getKey(), f.getValue());
    }
    return json;
  }

  /** Validates a purchase as Kit documents it, keeps it and answers it with its new id. */
  synchronized ObjectNode recordPurchase(Account account, JsonNode purchase) {
    if (purchase == null || !purchase.isObject()) throw ApiError.missing("purchase");
    String transactionId = requiredText(purchase, "transaction_id");
    String email = requiredText(purchase, "email_address");
    String currency = requiredText(purchase, "currency");
    if (!currency.matches("[A-Za-z]{3}")) throw ApiError.invalid("Currency is invalid");
    String status = purchase.path("status").asText("paid");
    if (!"paid".equals(status)) throw ApiError.invalid("Status is not included in the list");
    for (String amount : new String[] {"subtotal", "tax", "shipping", "discount", "total"}) {
      JsonNode value = purchase.get(amount);
      if (value != null && !value.isNull() && !value.isNumber()) {
        throw ApiError.invalid(amount + " is not a number");
      }
    }
    JsonNode products = purchase.get("products");
    if (products == null || !products.isArray() || products.size() == 0) {
      throw ApiError.missing("products");
    }
    for (JsonNode product : products) {
      for (String field : new String[] {"pid", "lid", "name", "unit_price", "quantity"}) {
        if (product.path(field).isMissingNode() || product.path(field).isNull()) {
          throw ApiError.missing("products " + field);
        }
      }
      if (!product.get("unit_price").isNumber() || !product.get("quantity").isNumber()) {
        throw ApiError.invalid("unit_price and quantity must be numbers");
      }
      if (product.path("sku").asText("").trim().isEmpty()) {
        // Kit's documented 400 for a product without a SKU.
        throw new ApiError(
            400,
            "Your request is missing parameters",
            "Sku can't be blank for product: " + product.get("name").asText());
      }
    }
    if (account.subscriber(email) == null) {
      addSubscriber(account, email).firstName = purchase.path("first_name").asText(null);
    }
    return keepPurchase(account, (ObjectNode) purchase, transactionId, email, currency).answer();
  }

  /** A new subscriber of the account, active. */
  synchronized Subscriber addSubscriber(Account account, String email) {
    Subscriber s = new Subscriber(nextId++, email.trim(), now());
    account.subscribers.put(key(email), s);
    return s;
  }

  /**
   * Keeps a purchase already validated (by either API) and returns it; its v3 answer is the
   * purchase with its new id first.
   */
  synchronized RecordedPurchase keepPurchase(
      Account account, ObjectNode purchase, String transactionId, String email, String currency) {
    long id = nextId++;
    ObjectNode answer = NODES.objectNode();
    answer.put("id", id);
    answer.setAll(((ObjectNode) purchase).deepCopy());
    if (!answer.has("status")) answer.put("status", "paid");
    JsonNode total = purchase.get("total");
    JsonNode integration = purchase.get("integration");
    RecordedPurchase recorded =
        new RecordedPurchase(
            id,
            transactionId,
            email,
            currency,
            total != null && total.isNumber() ? total.decimalValue() : null,
            integration == null || integration.isNull() ? null : integration.asText(),
            plain(purchase),
            answer);
    account.purchases.add(recorded);
    return recorded;
  }

  /**
   * One page of the account's purchases, as Kit lists them: {@value #PURCHASES_PER_PAGE} a page,
   * ascending ids. A page past the last one is empty; a page below 1 is page 1.
   */
  synchronized ObjectNode listPurchases(Account account, int page) {
    int total = account.purchases.size();
    int pages = Math.max(1, (total + PURCHASES_PER_PAGE - 1) / PURCHASES_PER_PAGE);
    int shown = Math.max(1, page);
    ObjectNode json = NODES.objectNode();
    json.put("total_purchases", total);
    json.put("page", shown);
    json.put("total_pages", pages);
    ArrayNode list = json.putArray("purchases");
    // Ids grow with each purchase, so the order of recording is ascending id order.
    long from = (long) (shown - 1) * PURCHASES_PER_PAGE;
    for (long i = from; i < Math.min(total, from + PURCHASES_PER_PAGE); i++) {
      list.add(account.purchases.get((int) i).answer());
    }
    return json;
  }

  /** One purchase by Kit's id, or 404. */
  synchronized ObjectNode purchase(Account account, long id) {
    for (RecordedPurchase p : account.purchases) {
      if (p.id() == id) return p.answer();
    }
    throw ApiError.notFound();
  }

  // ---- the Java API's inspection and faults ---------------------------------------------------

  synchronized long createTagId(String secret, String name) {
    return createTag(authenticate(secret), name).get("id").asLong();
  }

  synchronized long createForm(String secret, String name) {
    Account account = authenticate(secret);
    Named form = new Named(nextId++, name, now());
    account.forms.put(form.id, form);
    return form.id;
  }

  synchronized long createSequence(String secret, String name) {
    Account account = authenticate(secret);
    Named sequence = new Named(nextId++, name, now());
    account.sequences.put(sequence.id, sequence);
    return sequence.id;
  }

  synchronized long createCustomField(String secret, String label) {
    Account account = authenticate(secret);
    CustomField field = new CustomField(nextId++, label);
    if (field.key.isEmpty() || account.customField(field.key) != null) {
      throw new IllegalArgumentException("custom field exists or has no usable label: " + label);
    }
    account.customFields.put(field.id, field);
    return field.id;
  }

  /**
   * Deletes the custom field with this key, as an operator does in Kit's UI; subscribers lose their
   * value of it. Returns whether there was one.
   */
  synchronized boolean deleteCustomField(String secret, String key) {
    Account account = authenticate(secret);
    CustomField field = account.customField(key);
    if (field == null) return false;
    account.customFields.remove(field.id);
    for (Subscriber s : account.subscribers.values()) s.fields.remove(key);
    return true;
  }

  /**
   * v3's {@code GET /custom_fields}: {@code {"custom_fields":[{"id","name","key","label"}]}}, every
   * field at once.
   */
  synchronized ObjectNode listCustomFields(Account account) {
    ObjectNode json = NODES.objectNode();
    ArrayNode fields = json.putArray("custom_fields");
    for (CustomField f : account.customFields.values()) {
      ObjectNode field = fields.addObject();
      field.put("id", f.id);
      field.put("name", f.name());
      field.put("key", f.key);
      field.put("label", f.label);
    }
    return json;
  }

  /** Sets a subscriber's state, as when the person unsubscribes (cancelled) or bounces. */
  synchronized void setSubscriberState(String secret, String email, String state) {
    Subscriber s = authenticate(secret).subscriber(email);
    if (s == null) throw new IllegalArgumentException("no such subscriber");
    if (!V4Shapes.STATES.contains(state)) throw new IllegalArgumentException("state " + state);
    s.state = state;
  }

  /** Whether the subscriber was added to this form or sequence. */
  synchronized boolean isAddedTo(String secret, String email, long formOrSequenceId) {
    Subscriber s = authenticate(secret).subscriber(email);
    return s != null && s.addedAt.containsKey(formOrSequenceId);
  }

  /** The subscriber's custom field values by key. */
  synchronized Map<String, String> subscriberFields(String secret, String email) {
    Subscriber s = authenticate(secret).subscriber(email);
    return s == null
        ? new LinkedHashMap<String, String>()
        : new LinkedHashMap<String, String>(s.fields);
  }

  synchronized boolean deleteTag(String secret, long tagId) {
    Account account = authenticate(secret);
    if (account.tags.remove(tagId) == null) return false;
    for (Subscriber s : account.subscribers.values()) s.taggings.remove(tagId);
    return true;
  }

  synchronized Long tagId(String secret, String name) {
    for (Tag tag : authenticate(secret).tags.values()) {
      if (tag.name.equalsIgnoreCase(name)) return tag.id;
    }
    return null;
  }

  synchronized List<String> subscriberTags(String secret, String email) {
    Account account = authenticate(secret);
    Subscriber s = account.subscriber(email);
    List<String> names = new ArrayList<String>();
    if (s == null) return names;
    for (Long id : s.taggings.keySet()) names.add(account.tags.get(id).name);
    return names;
  }

  synchronized boolean hasSubscriber(String secret, String email) {
    return authenticate(secret).subscriber(email) != null;
  }

  synchronized List<RecordedPurchase> purchases(String secret) {
    return new ArrayList<RecordedPurchase>(authenticate(secret).purchases);
  }

  /** A copy of everything, for the state page. */
  synchronized List<AccountView> views() {
    List<AccountView> views = new ArrayList<AccountView>();
    for (Account a : accounts) {
      List<String[]> subscribers = new ArrayList<String[]>();
      for (Subscriber s : a.subscribers.values()) {
        StringBuilder tags = new StringBuilder();
        for (Long id : s.taggings.keySet()) {
          if (tags.length() > 0) tags.append(", ");
          tags.append(a.tags.get(id).name);
        }
        StringBuilder added = new StringBuilder();
        for (Long id : s.addedAt.keySet()) {
          if (added.length() > 0) added.append(", ");
          Named form = a.forms.get(id);
          added.append(form != null ? "form " + form.name : "sequence " + a.sequences.get(id).name);
        }
        StringBuilder values = new StringBuilder();
        for (Map.Entry<String, String> f : s.fields.entrySet()) {
          if (values.length() > 0) values.append(", ");
          values.append(f.getKey()).append(": ").append(f.getValue());
        }
        subscribers.add(
            new String[] {
              s.email,
              s.firstName == null ? "" : s.firstName,
              tags.toString(),
              added.toString(),
              values.toString()
            });
      }
      List<String> tags = new ArrayList<String>();
      for (Tag t : a.tags.values()) tags.add(t.name + " (" + t.id + ")");
      List<String> forms = new ArrayList<String>();
      for (Named f : a.forms.values()) forms.add(f.name + " (" + f.id + ")");
      List<String> sequences = new ArrayList<String>();
      for (Named q : a.sequences.values()) sequences.add(q.name + " (" + q.id + ")");
      List<String> customFields = new ArrayList<String>();
      for (CustomField f : a.customFields.values()) customFields.add(f.label + " (" + f.key + ")");
      views.add(
          new AccountView(
              a.name,
              a.primaryEmail,
              masks(a.secrets),
              masks(a.v4Keys),
              tags,
              forms,
              sequences,
              customFields,
              subscribers,
              new ArrayList<RecordedPurchase>(a.purchases)));
    }
    return views;
  }

  private static String plain(JsonNode json) {
    try {
      return Exchanges.MAPPER.writeValueAsString(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String masks(Set<String> secrets) {
    if (secrets.isEmpty()) return "(revoked)";
    StringBuilder masked = new StringBuilder();
    for (String secret : secrets) {
      if (masked.length() > 0) masked.append(", ");
      masked.append(mask(secret));
    }
    return masked.toString();
  }

  /** A credential as a page may show it: its last four characters only. */
  static String mask(String credential) {
    if (credential == null) return "(none)";
    return credential.length() <= 4
        ? "****"
        : "****" + credential.substring(credential.length() - 4);
  }

  private String newSecret() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    StringBuilder s = new StringBuilder("sk_sandbox_");
    for (byte b : bytes) s.append(String.format(Locale.ROOT, "%02x", b));
    return s.toString();
  }

  private static String requiredText(JsonNode json, String field) {
    String value = json.path(field).asText("");
    if (value.trim().isEmpty()) throw ApiError.missing(field);
    return value;
  }

  static String key(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Read-only copy of one account for the state page. */
  static final class AccountView {
    final String name;
    final String primaryEmail;
    final String maskedSecret;
    final String maskedV4Key;
    final List<String> tags;
    final List<String> forms;
    final List<String> sequences;

    /** Each custom field as "label (key)". */
    final List<String> customFields;

    /**
     * Email, first name, tags, the forms and sequences the subscriber was added to, and its custom
     * field values ("key: value, ...").
     */
    final List<String[]> subscribers;

    final List<RecordedPurchase> purchases;

    AccountView(
        String name,
        String primaryEmail,
        String maskedSecret,
        String maskedV4Key,
        List<String> tags,
        List<String> forms,
        List<String> sequences,
        List<String> customFields,
        List<String[]> subscribers,
        List<RecordedPurchase> purchases) {
      this.name = name;
      this.primaryEmail = primaryEmail;
      this.maskedSecret = maskedSecret;
      this.maskedV4Key = maskedV4Key;
      this.tags = Collections.unmodifiableList(tags);
      this.forms = Collections.unmodifiableList(forms);
      this.sequences = Collections.unmodifiableList(sequences);
      this.customFields = Collections.unmodifiableList(customFields);
      this.subscribers = Collections.unmodifiableList(subscribers);
      this.purchases = Collections.unmodifiableList(purchases);
    }
  }

  static final class Account {
    final long id;
    final String name;
    final String primaryEmail;
    final Instant createdAt = now();

    /** Every secret that opens the account, oldest first. */
    final Set<String> secrets = new LinkedHashSet<String>();

    final Map<Long, Tag> tags = new LinkedHashMap<Long, Tag>();
    final Map<String, Subscriber> subscribers = new LinkedHashMap<String, Subscriber>();
    final List<RecordedPurchase> purchases = new ArrayList<RecordedPurchase>();

    /** Every V4 API key that opens the account, oldest first. */
    final Set<String> v4Keys = new LinkedHashSet<String>();

    /** Forms, sequences and custom fields, by id in creation order. */
    final Map<Long, Named> forms = new LinkedHashMap<Long, Named>();

    final Map<Long, Named> sequences = new LinkedHashMap<Long, Named>();
    final Map<Long, CustomField> customFields = new LinkedHashMap<Long, CustomField>();

    Account(long id, String name, String primaryEmail) {
      this.id = id;
      this.name = name;
      this.primaryEmail = primaryEmail;
    }

    Subscriber subscriber(String email) {
      return email == null ? null : subscribers.get(key(email));
    }

    Subscriber subscriberById(long id) {
      for (Subscriber s : subscribers.values()) {
        if (s.id == id) return s;
      }
      return null;
    }

    /** The custom field with this key (Kit's {@code fields} use keys), or null. */
    CustomField customField(String key) {
      for (CustomField f : customFields.values()) {
        if (f.key.equals(key)) return f;
      }
      return null;
    }
  }

  /** A form or a sequence: an id, a name and when it was made. */
  static final class Named {
    final long id;
    final String name;
    final Instant createdAt;

    Named(long id, String name, Instant createdAt) {
      this.id = id;
      this.name = name;
      this.createdAt = createdAt;
    }

    /** A form's public uid (its embed URLs), derived from its id as Kit's look. */
    String uid() {
      return Long.toHexString(id * 2654435761L & 0xffffffffffL);
    }
  }

  /** A custom field: its label, and the key Kit derives from it (lower case, underscores). */
  static final class CustomField {
    final long id;
    final String label;
    final String key;

    CustomField(long id, String label) {
      this.id = id;
      this.label = label;
      this.key =
          label
              .trim()
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9]+", "_")
              .replaceAll("^_+|_+$", "");
    }

    /** Kit's {@code name}: the field's HTML name in custom forms. */
    String name() {
      return "ck_field_" + id + "_" + key;
    }
  }

  static final class Tag {
    final long id;
    final String name;
    final Instant createdAt;

    Tag(long id, String name, Instant createdAt) {
      this.id = id;
      this.name = name;
      this.createdAt = createdAt;
    }

    ObjectNode json() {
      ObjectNode json = NODES.objectNode();
      json.put("id", id);
      json.put("name", name);
      json.put("created_at", createdAt.toString());
      return json;
    }
  }

  static final class Subscriber {
    final long id;
    final String email;
    final Instant createdAt;

    /** Kit's subscriber state: active, inactive, bounced, complained or cancelled. */
    String state = "active";

    String firstName;
    final Map<String, String> fields = new LinkedHashMap<String, String>();

    /** Tag id to the id of its tagging ("subscription"), in tagging order. */
    final Map<Long, Long> taggings = new LinkedHashMap<Long, Long>();

    /** Tag id to when it was tagged (v4's {@code tagged_at}). */
    final Map<Long, Instant> taggedAt = new HashMap<Long, Instant>();

    /** Form or sequence id to when the subscriber was added (v4's {@code added_at}). */
    final Map<Long, Instant> addedAt = new LinkedHashMap<Long, Instant>();

    /** Form or sequence id to the id of v3's subscription to it. */
    final Map<Long, Long> additions = new HashMap<Long, Long>();

    Subscriber(long id, String email, Instant createdAt) {
      this.id = id;
      this.email = email;
      this.createdAt = createdAt;
    }
  }
}

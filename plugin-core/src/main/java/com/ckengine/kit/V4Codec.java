package com.ckengine.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Kit's v4 API ({@code https://api.kit.com/v4/}) with an API key (header {@code X-Kit-Api-Key}) or
 * an OAuth access token ({@code Authorization: Bearer}). Errors read {@code {"errors":["..."]}}; a
 * 429 is the plain text {@code Retry later}. Lists are cursor paged ({@code after}, {@code
 * per_page} up to 1000, {@code pagination.end_cursor}). One tag per tagging call; purchases need
 * OAuth.
 */
final class V4Codec implements KitCodec {
  /** Kit's largest page. */
  static final int PER_PAGE = 1000;

  /** The longest plain-text answer taken as Kit's words (v4's 429 says "Retry later"). */
  private static final int PLAIN_MESSAGE_MAX = 200;

  private final HttpUrl baseUrl;
  private final KitTransport transport;

  V4Codec(HttpUrl baseUrl, KitTransport transport) {
    this.baseUrl = baseUrl;
    this.transport = transport;
  }

  /** v4's errors: {@code {"errors":["...", ...]}}, or a short plain text (the 429). */
  static final KitCall.ErrorDialect ERRORS =
      new KitCall.ErrorDialect() {
        @Override
        public String message(JsonNode json, String text) {
          if (json != null) {
            List<String> errors = new ArrayList<String>();
            for (JsonNode e : json.path("errors")) {
              if (!e.asText("").isEmpty()) errors.add(e.asText());
            }
            if (!errors.isEmpty()) return String.join("; ", errors);
            return json.path("message").asText(json.path("error").asText(""));
          }
          String plain = text.trim();
          // A short line of text (Kit's "Retry later"), not a proxy's HTML page.
          if (plain.length() <= PLAIN_MESSAGE_MAX
              && !plain.contains("<")
              && !plain.contains("\n")) {
            return plain;
          }
          return "";
        }

        @Override
        public KitOutcome outcome(JsonNode json, int status) {
          return null; // v4 says failures with its status
        }
      };

  @Override
  public KitResult<KitAccount> account(KitCredential credential) {
    return send(
        credential,
        get(credential, url("account")),
        "account",
        (status, json) -> {
          JsonNode account = KitJson.object(json, "account");
          JsonNode id = account.get("id");
          return new KitAccount(
              id != null && id.canConvertToLong() ? id.asLong() : null,
              KitJson.text(account, "name"),
              KitJson.text(account, "primary_email_address"));
        });
  }

  /** Every page, one request each; the tags in Kit's order. */
  @Override
  public KitResult<List<KitTag>> listTags(KitCredential credential) {
    return listAll(credential, "tags", "tag list", KitJson::tag);
  }

  /** Every page of the forms or sequences, in Kit's order. */
  @Override
  public KitResult<List<KitListItem>> list(KitCredential credential, Subscribable what) {
    return listAll(
        credential,
        what.path,
        what.word() + " list",
        item -> new KitListItem(KitJson.id(item), KitJson.text(item, "name")));
  }

  /** Every page of the account's custom fields, in Kit's order. */
  @Override
  public KitResult<List<KitCustomField>> listCustomFields(KitCredential credential) {
    return listAll(credential, "custom_fields", "custom field list", KitJson::field);
  }

  /** Reads one item of a list. */
  private interface ItemReader<T> {
    T read(JsonNode item) throws IOException;
  }

  /** Every page of a cursor-paged list under {@code key} (also the path), one request each. */
  private <T> KitResult<List<T>> listAll(
      KitCredential credential, String key, String entity, ItemReader<T> reader) {
    List<T> all = new ArrayList<T>();
    String after = null;
    int pages = 0;
    while (true) {
      pages++;
      HttpUrl.Builder url = url(key).newBuilder();
      url.addQueryParameter("per_page", String.valueOf(PER_PAGE));
      if (after != null) url.addQueryParameter("after", after);
      KitResult<Page<T>> page =
          send(
              credential,
              get(credential, url.build()),
              pages == 1 ? entity : entity + " page " + pages,
              (status, json) -> {
                List<T> found = new ArrayList<T>();
                for (JsonNode item : KitJson.array(json, key)) found.add(reader.read(item));
                return new Page<T>(found, nextCursor(json));
              });
      if (!page.isSuccess()) return Subscribers.retyped(page);
      all.addAll(page.value().items);
      String next = page.value().next;
      if (next == null) return KitResult.success(Collections.unmodifiableList(all), 200);
      if (next.equals(after)) {
        // A cursor that does not move would page forever.
        return KitTransport.failed(
            KitOutcome.UNAVAILABLE,
            page.httpStatus(),
            "Kit's " + entity + " did not move past page " + pages + " (the same cursor again)",
            credential,
            entity);
      }
      after = next;
    }
  }

  @Override
  public KitResult<KitTag> createTag(KitCredential credential, String name) {
    return send(
        credential,
        post(credential, url("tags"), json -> json.writeStringField("name", name)),
        "tag creation",
        (status, json) -> KitJson.tag(KitJson.object(json, "tag")));
  }

  /**
   * Creates or updates the subscriber with its custom field values (Kit adds only a subscriber it
   * has to a form or sequence), then {@code POST /forms/{id}/subscribers} (or sequences) with the
   * email: 201 added, 200 already there, both done. Both permits are reserved together, as a
   * tagging's are.
   */
  @Override
  public KitResult<KitSubscription> subscribe(
      KitCredential credential,
      Subscribable what,
      long id,
      String email,
      String firstName,
      java.util.Map<String, String> fields) {
    try (RequestPlan plan = transport.plan(credential, 2)) {
      if (!plan.isReserved()) return plan.refusal();
      return subscribe(plan, what, id, email, firstName, fields);
    }
  }

  private KitResult<KitSubscription> subscribe(
      RequestPlan plan,
      Subscribable what,
      long id,
      String email,
      String firstName,
      java.util.Map<String, String> fields) {
    KitCredential credential = plan.credential;
    KitResult<KitSubscriber> upserted = upsert(plan, email, firstName, fields);
    if (!upserted.isSuccess()) return Subscribers.retyped(upserted);
    KitResult<KitSubscriber> added =
        send(
            plan,
            post(
                credential,
                url(what.path + "/" + id + "/subscribers"),
                json -> json.writeStringField("email_address", email)),
            what.word() + " " + id,
            (status, json) -> Subscribers.subscriber(KitJson.object(json, "subscriber")));
    if (!added.isSuccess()) return Subscribers.retyped(added);
    return KitResult.success(
        new KitSubscription(0, added.value().state(), upserted.value().id()), added.httpStatus());
  }

  /** {@code POST /subscribers}: creates the subscriber, or updates the one of that email. */
  private KitResult<KitSubscriber> upsert(
      RequestPlan plan, String email, String firstName, java.util.Map<String, String> fields) {
    KitCredential credential = plan.credential;
    return send(
        plan,
        post(
            credential,
            url("subscribers"),
            json -> {
              json.writeStringField("email_address", email);
              if (firstName != null) json.writeStringField("first_name", firstName);
              if (fields != null) KitJson.writeFields(json, fields);
            }),
        "subscriber",
        (status, json) -> Subscribers.subscriber(KitJson.object(json, "subscriber")));
  }

  /**
   * Creates or updates the subscriber, then one call per tag; each a request of its own (and a
   * permit). Kit answers 201 when it tagged, 200 when the subscriber had the tag: both are done.
   *
   * <p>The permits of all these requests are reserved together before the upsert ({@link
   * RequestPlan}): when the window has no room for all of them, nothing is sent and the call is
   * throttled whole, so a tagging is never cut after the upsert and sent again from it.
   */
  @Override
  public KitResult<KitSubscription> tagSubscriber(
      KitCredential credential, TagSubscriberRequest r) {
    try (RequestPlan plan = transport.plan(credential, 1 + r.tagIds().size())) {
      if (!plan.isReserved()) return plan.refusal();
      return tagSubscriber(plan, r);
    }
  }

  private KitResult<KitSubscription> tagSubscriber(RequestPlan plan, TagSubscriberRequest r) {
    KitCredential credential = plan.credential;
    KitResult<KitSubscriber> upserted = upsert(plan, r.email(), r.firstName(), r.fields());
    if (!upserted.isSuccess()) return Subscribers.retyped(upserted);
    KitSubscriber subscriber = upserted.value();
    KitResult<KitSubscriber> tagged = upserted;
    for (Long tagId : r.tagIds()) {
      tagged =
          send(
              plan,
              post(
                  credential,
                  url("tags/" + tagId + "/subscribers"),
                  json -> json.writeStringField("email_address", r.email())),
              "tag " + tagId,
              (status, json) -> Subscribers.subscriber(KitJson.object(json, "subscriber")));
      if (!tagged.isSuccess()) return Subscribers.retyped(tagged);
    }
    // v4 has no id of a tagging: 0, and the subscriber's id, which is what callers keep.
    return KitResult.success(
        new KitSubscription(0, tagged.value().state(), subscriber.id()), tagged.httpStatus());
  }

  /**
   * {@code DELETE tags/{id}/subscribers} with the email: 204 when done. Kit answers 404 both for an
   * unknown tag and (as its reference words it, "the provided id does not exist") when there is
   * nothing to remove for the email; a look-up of the email tells them apart: an email Kit does not
   * know has nothing to remove (done, as in v3), a known one means the tag is gone.
   */
  @Override
  public KitResult<KitTag> removeTag(KitCredential credential, long tagId, String email) {
    String entity = "tag " + tagId;
    KitResult<KitTag> removed =
        send(
            credential,
            request(credential, url("tags/" + tagId + "/subscribers"))
                .delete(body(json -> json.writeStringField("email_address", email)))
                .build(),
            entity,
            (status, json) -> new KitTag(tagId, "", null));
    if (removed.outcome() != KitOutcome.NOT_FOUND) return removed;
    KitResult<KitSubscriber> known = findSubscriber(credential, email);
    if (known.outcome() == KitOutcome.NOT_FOUND) {
      return KitResult.success(new KitTag(tagId, "", null), removed.httpStatus());
    }
    if (!known.isSuccess()) return Subscribers.retyped(known);
    return removed;
  }

  @Override
  public KitResult<KitPurchaseReceipt> recordPurchase(KitCredential credential, Purchase p) {
    String entity = "purchase " + p.transactionId();
    if (!credential.kind().canRecordPurchases()) return purchasesNeedOAuth(credential, entity);
    return send(
        credential,
        post(
            credential,
            url("purchases"),
            json -> KitJson.writeV4Purchase(json, p, java.time.Instant.now())),
        entity,
        (status, json) -> {
          JsonNode purchase = KitJson.object(json, "purchase");
          return new KitPurchaseReceipt(
              KitJson.id(purchase), KitJson.text(purchase, "transaction_id"));
        });
  }

  @Override
  public KitResult<KitPurchasePage> listPurchases(KitCredential credential, String cursor) {
    String entity = cursor == null ? "purchase list" : "purchase list page after " + cursor;
    if (!credential.kind().canRecordPurchases()) return purchasesNeedOAuth(credential, entity);
    HttpUrl.Builder url = url("purchases").newBuilder();
    url.addQueryParameter("per_page", String.valueOf(PER_PAGE));
    if (cursor != null) url.addQueryParameter("after", cursor);
    return send(
        credential,
        get(credential, url.build()),
        entity,
        (status, json) -> {
          List<KitPurchaseReceipt> receipts = new ArrayList<KitPurchaseReceipt>();
          for (JsonNode p : KitJson.array(json, "purchases")) {
            receipts.add(new KitPurchaseReceipt(KitJson.id(p), KitJson.text(p, "transaction_id")));
          }
          return KitPurchasePage.cursored(receipts, nextCursor(json));
        });
  }

  @Override
  public KitResult<KitSubscriber> findSubscriber(KitCredential credential, String email) {
    HttpUrl url =
        url("subscribers")
            .newBuilder()
            .addQueryParameter("email_address", email)
            // Without it Kit sees only active subscribers.
            .addQueryParameter("status", "all")
            .build();
    return Subscribers.first(
        send(
            credential,
            get(credential, url),
            "subscriber look-up",
            (status, json) -> Subscribers.read(json)));
  }

  /**
   * {@code POST bulk/subscribers} {@code {"subscribers":[{"email_address","first_name"?}]}}: one
   * request creates or updates them all. Kit answers 200 with each subscriber made or updated and
   * each failure when the batch is at most {@link KitClient#BULK_SYNC_LIMIT}; the caller keeps to
   * that. OAuth only (the client checks).
   */
  KitResult<KitBulkSubscribers> bulkUpsertSubscribers(
      KitCredential credential, List<BulkSubscriber> subscribers) {
    String entity = "bulk upsert of " + subscribers.size() + " subscribers";
    KitResult<Answer<KitBulkSubscribers>> r =
        send(
            credential,
            post(
                credential,
                url("bulk/subscribers"),
                json -> {
                  json.writeArrayFieldStart("subscribers");
                  for (BulkSubscriber s : subscribers) {
                    json.writeStartObject();
                    json.writeStringField("email_address", s.email());
                    if (s.firstName() != null) json.writeStringField("first_name", s.firstName());
                    json.writeEndObject();
                  }
                  json.writeEndArray();
                }),
            entity,
            (status, json) ->
                status == 202
                    ? Answer.<KitBulkSubscribers>queued()
                    : new Answer<KitBulkSubscribers>(
                        KitBulkSubscribers.read(
                            status, json, text -> KitTransport.scrub(text, credential))));
    return synchronousOnly(r, credential, entity);
  }

  /**
   * {@code POST bulk/tags/subscribers} {@code {"taggings":[{"tag_id","subscriber_id"}]}}: one
   * request applies them all. Kit answers 200 with the taggings made and each failure when the
   * batch is at most {@link KitClient#BULK_SYNC_LIMIT}; the caller keeps to that. OAuth only (the
   * client checks). Tagging again what is on already is harmless.
   */
  KitResult<KitBulkTaggings> bulkTagSubscribers(KitCredential credential, List<Tagging> taggings) {
    String entity = "bulk tagging of " + taggings.size() + " taggings";
    KitResult<Answer<KitBulkTaggings>> r =
        send(
            credential,
            post(
                credential,
                url("bulk/tags/subscribers"),
                json -> {
                  json.writeArrayFieldStart("taggings");
                  for (Tagging t : taggings) {
                    json.writeStartObject();
                    json.writeNumberField("tag_id", t.tagId());
                    json.writeNumberField("subscriber_id", t.subscriberId());
                    json.writeEndObject();
                  }
                  json.writeEndArray();
                }),
            entity,
            (status, json) ->
                status == 202
                    ? Answer.<KitBulkTaggings>queued()
                    : new Answer<KitBulkTaggings>(
                        KitBulkTaggings.read(
                            status, json, text -> KitTransport.scrub(text, credential))));
    return synchronousOnly(r, credential, entity);
  }

  /**
   * A bulk answer the caller can act on per item. Kit's 202 (queued for later, no per-item answer)
   * is {@code UNKNOWN}: Kit may apply it. Kit's 413 (its queue of bulk requests is full: "try again
   * after a short period") is {@code UNAVAILABLE}: nothing was taken.
   */
  private static <T> KitResult<T> synchronousOnly(
      KitResult<Answer<T>> r, KitCredential credential, String entity) {
    if (r.isSuccess() && r.value().value == null) {
      return KitTransport.failed(
          KitOutcome.UNKNOWN,
          r.httpStatus(),
          "Kit queued the "
              + entity
              + " for later (HTTP 202) and answered nothing per item"
              + KitTransport.MAY_HAVE_ACTED,
          credential,
          entity);
    }
    if (r.isSuccess()) return KitResult.success(r.value().value, r.httpStatus());
    if (r.httpStatus() == 413) {
      return KitTransport.failed(
          KitOutcome.UNAVAILABLE,
          413,
          r.message() + " (Kit's queue of bulk requests is full; nothing was taken)",
          credential,
          entity);
    }
    return Subscribers.retyped(r);
  }

  /** Kit refuses every bulk call made with a v4 API key: said at once, nothing sent. */
  static <T> KitResult<T> bulkNeedsOAuth(KitCredential credential, String entity) {
    return KitTransport.failed(
        KitOutcome.REJECTED,
        0,
        "Kit's bulk calls need an OAuth connection: Kit refuses them with a "
            + KitTransport.name(credential)
            + "; nothing sent",
        credential,
        entity);
  }

  /** A bulk answer: its value, or null when Kit queued the batch (202). */
  private static final class Answer<T> {
    final T value;

    Answer(T value) {
      this.value = value;
    }

    static <T> Answer<T> queued() {
      return new Answer<T>(null);
    }
  }

  /** Kit refuses purchases with a v4 API key: said at once, nothing sent. */
  private static <T> KitResult<T> purchasesNeedOAuth(KitCredential credential, String entity) {
    return KitTransport.failed(
        KitOutcome.REJECTED,
        0,
        "Add Purchase needs an OAuth connection or a v3 API Secret: Kit refuses purchases made"
            + " with a v4 API key; nothing sent",
        credential,
        entity);
  }

  /** {@code pagination.end_cursor} when {@code pagination.has_next_page}, else null. */
  private static String nextCursor(JsonNode json) throws IOException {
    JsonNode pagination = KitJson.required(json).path("pagination");
    if (!pagination.path("has_next_page").asBoolean(false)) return null;
    String cursor = pagination.path("end_cursor").asText("");
    if (cursor.isEmpty()) throw new IOException("a next page without an end_cursor");
    return cursor;
  }

  private HttpUrl url(String path) {
    return baseUrl.resolve(path);
  }

  /** A request with the credential in its header. */
  private static Request.Builder request(KitCredential credential, HttpUrl url) {
    Request.Builder request = new Request.Builder().url(url);
    if (credential.kind() == CredentialKind.V4_OAUTH_TOKEN) {
      request.header("Authorization", "Bearer " + credential.reveal());
    } else {
      request.header("X-Kit-Api-Key", credential.reveal());
    }
    return request;
  }

  private static Request get(KitCredential credential, HttpUrl url) {
    return request(credential, url).get().build();
  }

  private static Request post(KitCredential credential, HttpUrl url, KitJson.Fields fields) {
    return request(credential, url).post(body(fields)).build();
  }

  private static RequestBody body(KitJson.Fields fields) {
    return KitJson.Body.build(fields);
  }

  private <T> KitResult<T> send(
      KitCredential credential, Request request, String entity, KitCall.Reader<T> reader) {
    return transport.send(credential, new KitCall<T>(request, entity, reader, ERRORS));
  }

  /** The next request of a plan, on its reserved permit. */
  private <T> KitResult<T> send(
      RequestPlan plan, Request request, String entity, KitCall.Reader<T> reader) {
    return transport.send(plan, new KitCall<T>(request, entity, reader, ERRORS));
  }

  /** One page of a cursor-paged list. */
  private static final class Page<T> {
    final List<T> items;
    final String next;

    Page(List<T> items, String next) {
      this.items = items;
      this.next = next;
    }
  }
}

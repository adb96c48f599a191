package com.ckengine.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Kit's v3 API ({@code https://api.convertkit.com/v3/}) with a v3 API Secret: the secret goes as
 * {@code api_secret} in a write's JSON body and in a read's query string; errors read {@code
 * {"error","message"}}, and a body with an {@code error} is a failure whatever its status.
 */
final class V3Codec implements KitCodec {
  private final HttpUrl baseUrl;
  private final KitTransport transport;

  V3Codec(HttpUrl baseUrl, KitTransport transport) {
    this.baseUrl = baseUrl;
    this.transport = transport;
  }

  /** v3's errors: {@code {"error":"...","message":"..."}}. */
  static final KitCall.ErrorDialect ERRORS =
      new KitCall.ErrorDialect() {
        @Override
        public String message(JsonNode json, String text) {
          if (json == null) return "";
          String message = json.path("message").asText("");
          if (message.isEmpty()) message = json.path("error").asText("");
          if (message.isEmpty() && json.path("errors").isArray()) {
            message = json.path("errors").path(0).asText("");
          }
          return message;
        }

        @Override
        public KitOutcome outcome(JsonNode json, int status) {
          String error = json != null && json.isObject() ? json.path("error").asText("") : "";
          // Kit's answer to an unknown tag id, whatever the status it comes with.
          if (error.trim().equalsIgnoreCase("Tag not found")) return KitOutcome.NOT_FOUND;
          // Kit's own clients take an error key as a failure even on a 2xx, and so do we.
          if (status >= 200 && status < 300 && !error.trim().isEmpty()) return KitOutcome.REJECTED;
          return null;
        }
      };

  @Override
  public KitResult<KitAccount> account(KitCredential secret) {
    return send(
        secret,
        get(secret, "account"),
        "account",
        (status, json) ->
            new KitAccount(
                KitJson.text(json, "name"), KitJson.text(json, "primary_email_address")));
  }

  @Override
  public KitResult<List<KitTag>> listTags(KitCredential secret) {
    return send(
        secret,
        get(secret, "tags"),
        "tag list",
        (status, json) -> {
          JsonNode tags = KitJson.array(json, "tags");
          List<KitTag> result = new ArrayList<KitTag>(tags.size());
          for (JsonNode tag : tags) result.add(KitJson.tag(tag));
          return Collections.unmodifiableList(result);
        });
  }

  @Override
  public KitResult<KitTag> createTag(KitCredential secret, String name) {
    Request request =
        post(
            secret,
            "tags",
            json -> {
              json.writeObjectFieldStart("tag");
              json.writeStringField("name", name);
              json.writeEndObject();
            });
    return send(
        secret,
        request,
        "tag creation",
        // Kit answers an array when given one; accept either shape.
        (status, json) ->
            KitJson.tag(json.isArray() && json.size() > 0 ? json.get(0) : KitJson.required(json)));
  }

  @Override
  public KitResult<KitSubscription> tagSubscriber(KitCredential secret, TagSubscriberRequest r) {
    List<Long> ids = r.tagIds();
    Request request =
        post(
            secret,
            "tags/" + ids.get(0) + "/subscribe",
            json -> {
              json.writeStringField("email", r.email());
              if (r.firstName() != null) json.writeStringField("first_name", r.firstName());
              KitJson.writeFields(json, r.fields());
              if (ids.size() > 1) {
                json.writeArrayFieldStart("tags");
                for (Long id : ids.subList(1, ids.size())) json.writeNumber(id);
                json.writeEndArray();
              }
            });
    String entity = ids.size() == 1 ? "tag " + ids.get(0) : "one of tags " + ids;
    return send(
        secret,
        request,
        entity,
        (status, json) -> {
          JsonNode s = KitJson.required(json).get("subscription");
          if (s == null) throw new IOException("no subscription");
          JsonNode subscriber = s.path("subscriber");
          return new KitSubscription(
              KitJson.id(s), KitJson.text(s, "state"), KitJson.id(subscriber));
        });
  }

  @Override
  public KitResult<KitTag> removeTag(KitCredential secret, long tagId, String email) {
    Request request =
        post(
            secret,
            "tags/" + tagId + "/unsubscribe",
            json -> json.writeStringField("email", email));
    return send(
        secret,
        request,
        "tag " + tagId,
        (status, json) -> {
          // Kit answers the tag, also for an email it does not know (nothing to remove: done).
          // Any other JSON object without an error is success too: the tag is not on the email.
          if (json == null || !json.isObject()) throw new IOException("not an object");
          if (json.has("id")) return KitJson.tag(json);
          return new KitTag(tagId, json.path("name").asText(""), null);
        });
  }

  @Override
  public KitResult<KitPurchaseReceipt> recordPurchase(KitCredential secret, Purchase p) {
    Request request = post(secret, "purchases", json -> KitJson.writePurchase(json, p));
    return send(
        secret,
        request,
        "purchase " + p.transactionId(),
        (status, json) ->
            new KitPurchaseReceipt(KitJson.id(json), KitJson.text(json, "transaction_id")));
  }

  /** The cursor is the page number as text; null is page 1. */
  @Override
  public KitResult<KitPurchasePage> listPurchases(KitCredential secret, String cursor) {
    int page = pageNumber(cursor);
    HttpUrl url =
        baseUrl
            .resolve("purchases")
            .newBuilder()
            .addQueryParameter("api_secret", secret.reveal())
            .addQueryParameter("page", String.valueOf(page))
            .build();
    return send(
        secret,
        new Request.Builder().url(url).get().build(),
        "purchase list page " + page,
        (status, json) -> {
          List<KitPurchaseReceipt> receipts = new ArrayList<KitPurchaseReceipt>();
          for (JsonNode p : KitJson.array(json, "purchases")) {
            receipts.add(new KitPurchaseReceipt(KitJson.id(p), KitJson.text(p, "transaction_id")));
          }
          return KitPurchasePage.numbered(
              json.path("page").asInt(page),
              json.path("total_pages").asInt(1),
              json.path("total_purchases").asLong(receipts.size()),
              receipts);
        });
  }

  private static int pageNumber(String cursor) {
    if (cursor == null) return 1;
    int page;
    try {
      page = Integer.parseInt(cursor.trim());
    } catch (NumberFormatException e) {
      page = 0;
    }
    if (page < 1) {
      throw new IllegalArgumentException("a v3 purchase cursor is a page number from 1");
    }
    return page;
  }

  @Override
  public KitResult<KitSubscriber> findSubscriber(KitCredential secret, String email) {
    HttpUrl url =
        baseUrl
            .resolve("subscribers")
            .newBuilder()
            .addQueryParameter("api_secret", secret.reveal())
            .addQueryParameter("email_address", email)
            .build();
    return Subscribers.first(
        transport.send(
            secret,
            new KitCall<List<KitSubscriber>>(
                new Request.Builder().url(url).get().build(),
                "subscriber look-up",
                (status, json) -> Subscribers.read(json),
                ERRORS)));
  }

  @Override
  public KitResult<List<KitListItem>> list(KitCredential secret, Subscribable what) {
    return send(
        secret,
        get(secret, what.path),
        what.word() + " list",
        (status, json) -> {
          List<KitListItem> items = new ArrayList<KitListItem>();
          for (JsonNode item : KitJson.array(json, what.v3ListKey)) {
            items.add(new KitListItem(KitJson.id(item), KitJson.text(item, "name")));
          }
          return Collections.unmodifiableList(items);
        });
  }

  /** {@code GET /custom_fields}: every field at once (v3 does not page it). */
  @Override
  public KitResult<List<KitCustomField>> listCustomFields(KitCredential secret) {
    return send(
        secret,
        get(secret, "custom_fields"),
        "custom field list",
        (status, json) -> {
          List<KitCustomField> fields = new ArrayList<KitCustomField>();
          for (JsonNode item : KitJson.array(json, "custom_fields"))
            fields.add(KitJson.field(item));
          return Collections.unmodifiableList(fields);
        });
  }

  /**
   * {@code POST /forms/{id}/subscribe} (or sequences) with the email, first name and custom field
   * values, in one request.
   */
  @Override
  public KitResult<KitSubscription> subscribe(
      KitCredential secret,
      Subscribable what,
      long id,
      String email,
      String firstName,
      java.util.Map<String, String> fields) {
    Request request =
        post(
            secret,
            what.path + "/" + id + "/subscribe",
            json -> {
              json.writeStringField("email", email);
              if (firstName != null) json.writeStringField("first_name", firstName);
              KitJson.writeFields(json, fields);
            });
    return send(
        secret,
        request,
        what.word() + " " + id,
        (status, json) -> {
          JsonNode s = KitJson.required(json).get("subscription");
          if (s == null) throw new IOException("no subscription");
          return new KitSubscription(
              KitJson.id(s), KitJson.text(s, "state"), KitJson.id(s.path("subscriber")));
        });
  }

  private Request get(KitCredential secret, String path) {
    // Kit's v3 reads take the secret only as a query parameter.
    HttpUrl url =
        baseUrl.resolve(path).newBuilder().addQueryParameter("api_secret", secret.reveal()).build();
    return new Request.Builder().url(url).get().build();
  }

  /** A POST whose JSON body starts with the secret. */
  private Request post(KitCredential secret, String path, KitJson.Fields fields) {
    return new Request.Builder()
        .url(baseUrl.resolve(path))
        .post(
            KitJson.Body.build(
                json -> {
                  json.writeStringField("api_secret", secret.reveal());
                  fields.write(json);
                }))
        .build();
  }

  private <T> KitResult<T> send(
      KitCredential secret, Request request, String entity, KitCall.Reader<T> reader) {
    return transport.send(secret, new KitCall<T>(request, entity, reader, ERRORS));
  }
}

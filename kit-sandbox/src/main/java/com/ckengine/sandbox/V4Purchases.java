package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Kit's v4 purchases (OAuth only; the handler refuses other credentials first): every field the
 * reference marks required must be there, amounts must be numbers, nothing else may be sent.
 * Purchases land in the same list the v3 side records, so either API lists them.
 */
final class V4Purchases {
  /** Required fields of {@code purchase}, in the reference's order. */
  static final List<String> REQUIRED =
      Collections.unmodifiableList(
          Arrays.asList(
              "email_address",
              "transaction_id",
              "status",
              "subtotal",
              "tax",
              "shipping",
              "discount",
              "total",
              "currency",
              "transaction_time",
              "products"));

  static final List<String> AMOUNTS =
      Collections.unmodifiableList(
          Arrays.asList("subtotal", "tax", "shipping", "discount", "total"));

  static final List<String> PRODUCT_FIELDS =
      Collections.unmodifiableList(
          Arrays.asList("name", "pid", "lid", "quantity", "unit_price", "sku"));

  private final SandboxStore store;

  V4Purchases(SandboxStore store) {
    this.store = store;
  }

  /** {@code {"purchase": {...}}}: 201 with the purchase, its id and its subscriber's id. */
  V4Answer create(SandboxStore.Account a, JsonNode body) {
    V4Body b = V4Body.of(body, new String[] {"purchase"});
    JsonNode purchase = b.get("purchase");
    if (!purchase.isObject()) throw V4Error.invalid("Purchase must be an object");
    List<String> problems = problems(purchase);
    if (!problems.isEmpty()) throw V4Error.invalid(problems.toArray(new String[0]));
    String email = purchase.get("email_address").asText().trim();
    synchronized (store) {
      if (a.subscriber(email) == null) store.addSubscriber(a, email);
      RecordedPurchase kept =
          store.keepPurchase(
              a,
              (ObjectNode) purchase,
              purchase.get("transaction_id").asText(),
              email,
              purchase.get("currency").asText());
      ObjectNode json = SandboxStore.NODES.objectNode();
      json.set("purchase", shape(a, kept));
      return new V4Answer(201, json);
    }
  }

  V4Answer list(SandboxStore.Account a, Map<String, String> query) {
    synchronized (store) {
      List<V4Shapes.Item> items = new ArrayList<V4Shapes.Item>();
      for (RecordedPurchase p : a.purchases) items.add(new V4Shapes.Item(p.id(), shape(a, p)));
      return V4Answer.ok(V4Shapes.page("purchases", items, query));
    }
  }

  V4Answer get(SandboxStore.Account a, long id) {
    synchronized (store) {
      for (RecordedPurchase p : a.purchases) {
        if (p.id() == id) {
          ObjectNode json = SandboxStore.NODES.objectNode();
          json.set("purchase", shape(a, p));
          return V4Answer.ok(json);
        }
      }
      throw V4Error.notFound();
    }
  }

  /** Every problem of a purchase, in Kit's words where the reference gives them. */
  static List<String> problems(JsonNode purchase) {
    List<String> problems = new ArrayList<String>();
    problems.addAll(
        V4Body.unknownFields(purchase, REQUIRED, Collections.<String>emptyList(), "purchase."));
    for (String field : REQUIRED) {
      if (V4Body.blank(purchase.get(field))) {
        problems.add(
            V4Body.label(field.equals("transaction_id") ? "transaction" : field)
                + " can't be blank");
      }
    }
    for (String amount : AMOUNTS) {
      JsonNode value = purchase.get(amount);
      if (value != null && !value.isNull() && !value.isNumber()) {
        problems.add(V4Body.label(amount) + " is not a number");
      }
    }
    JsonNode currency = purchase.get("currency");
    if (currency != null && currency.isTextual() && !currency.asText().matches("[A-Za-z]{3}")) {
      problems.add("Currency is invalid");
    }
    JsonNode products = purchase.get("products");
    if (products != null && !products.isNull()) {
      if (!products.isArray() || products.size() == 0) {
        problems.add("Products must be a list of at least one product");
      } else {
        for (JsonNode product : products) problems.addAll(productProblems(product));
      }
    }
    return problems;
  }

  private static List<String> productProblems(JsonNode product) {
    List<String> problems = new ArrayList<String>();
    if (!product.isObject()) {
      problems.add("Each product must be an object");
      return problems;
    }
    problems.addAll(
        V4Body.unknownFields(
            product, PRODUCT_FIELDS, Collections.<String>emptyList(), "purchase.products."));
    String name = product.path("name").asText("");
    for (String field : PRODUCT_FIELDS) {
      if (V4Body.blank(product.get(field))) {
        problems.add(V4Body.label(field) + " can't be blank for product: " + name);
      }
    }
    for (String number : new String[] {"quantity", "unit_price"}) {
      JsonNode value = product.get(number);
      if (value != null && !value.isNull() && !value.isNumber()) {
        problems.add(V4Body.label(number) + " is not a number for product: " + name);
      }
    }
    return problems;
  }

  /** The purchase as v4 answers it (the reference's fields, amounts as sent). */
  private static ObjectNode shape(SandboxStore.Account a, RecordedPurchase p) {
    JsonNode sent;
    try {
      sent = Exchanges.MAPPER.readTree(p.json());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    SandboxStore.Subscriber s = a.subscriber(p.emailAddress());
    ObjectNode json = SandboxStore.NODES.objectNode();
    json.put("id", p.id());
    json.put("transaction_id", p.transactionId());
    if (s == null) json.putNull("subscriber_id");
    else json.put("subscriber_id", s.id);
    json.put("status", sent.path("status").asText("paid"));
    json.put("email_address", p.emailAddress());
    json.put("currency", p.currency());
    json.set("transaction_time", sent.get("transaction_time"));
    for (String amount : new String[] {"subtotal", "discount", "tax", "total"}) {
      json.set(amount, sent.get(amount));
    }
    json.set("products", sent.get("products"));
    return json;
  }
}

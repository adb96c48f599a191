package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.EventLine;
import com.ckengine.api.EventPublisher;
import com.ckengine.api.PublishResult;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.api.subscription.CardUpdated;
import com.ckengine.api.subscription.ChargeFailed;
import com.ckengine.api.subscription.ChargeSucceeded;
import com.ckengine.api.subscription.FactResult;
import com.ckengine.api.subscription.SubscriptionLifecycle;
import com.ckengine.api.subscription.SubscriptionStarted;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A store's life, compressed: what it publishes in a simulated hour (orders, prospects who buy
 * within the hour or never, refunds of earlier orders, subscription renewals, some failing and
 * recovering after a card update), and what all of that must leave behind, worked out here on its
 * own, not read from the engine: the tags each subscriber ends with, the purchases Kit records, the
 * events and actions the log holds, the Kit writes made. Seeded, so every run lives the same life.
 *
 * <p>Rules the store runs with ({@link StoreLifeSoakTestBase#createRules}): Product Purchased adds
 * "customer" and "bought-N" per product and records the purchase; Product Refunded removes
 * "bought-N" per refunded product; Prospect Created adds "prospect"; Subscription Charged records
 * the purchase. Subscription Charge Failed and Recovered have no rule.
 */
final class StoreActivity {
  static final List<Long> PRODUCTS = Arrays.asList(1L, 2L, 3L);
  private static final int CUSTOMERS = 25;
  private static final int SUBSCRIPTIONS = 6;
  private static final int RENEWAL_HOURS = 6;

  /** What the store's side can do: publish an event, report a billing fact. */
  interface Storefront {
    EventPublisher publisher();

    SubscriptionLifecycle billing();
  }

  private final Random random = new Random(15);
  private int nextOrder = 5001;
  private int nextCart = 1;

  private final List<Published> published = new ArrayList<Published>();
  private final List<ReportedFact> facts = new ArrayList<ReportedFact>();
  private final List<Order> refundable = new ArrayList<Order>();
  private final List<Prospect> undecided = new ArrayList<Prospect>();

  // What it all must come to.
  private final Map<String, Set<String>> tags = new TreeMap<String, Set<String>>();
  private final List<String> transactions = new ArrayList<String>();
  private final Set<String> eventKeys = new HashSet<String>();
  private final Map<String, Integer> actions = new TreeMap<String, Integer>();
  private int kitWrites;

  /** An event the store published itself, and when the engine received it. */
  static final class Published {
    final StoreEvent event;
    final Instant receivedAt;

    Published(StoreEvent event, Instant receivedAt) {
      this.event = event;
      this.receivedAt = receivedAt;
    }
  }

  /** A billing fact, reported again after a restart the way the billing module would. */
  static final class ReportedFact {
    final Instant at;
    final String what;
    final Function<SubscriptionLifecycle, FactResult> report;

    ReportedFact(Instant at, String what, Function<SubscriptionLifecycle, FactResult> report) {
      this.at = at;
      this.what = what;
      this.report = report;
    }
  }

  private static final class Order {
    final String number;
    final String email;
    final List<Long> products;

    Order(String number, String email, List<Long> products) {
      this.number = number;
      this.email = email;
      this.products = products;
    }
  }

  private static final class Prospect {
    final String cart;
    final String email;

    Prospect(String cart, String email) {
      this.cart = cart;
      this.email = email;
    }
  }

  // ---- a day of the store

  /**
   * Busy hour {@code hour} (from 0): last hour's prospects decide (half of them buy, and the
   * purchase cancels their prospect action), new orders, two new prospects unless it is the last
   * busy hour (no hour would decide them), a refund, and the subscriptions' starts and renewals.
   */
  void busyHour(int hour, boolean last, Instant now, Storefront store) {
    for (Prospect p : undecided) {
      if (random.nextBoolean()) {
        order(now, store, p.email);
        assertEquals(
            1,
            store.publisher().cancel(Trigger.PROSPECT_CREATED, p.cart),
            "the prospect action of " + p.cart + " is cancelled by the purchase");
        count(ActionStatus.CANCELLED, "ADD_TAG");
      } else {
        tagsOf(p.email).add("prospect");
        count(ActionStatus.DELIVERED, "ADD_TAG");
        kitWrites++;
      }
    }
    undecided.clear();
    int orders = 3 + random.nextInt(3);
    for (int i = 0; i < orders; i++) {
      order(now, store, "c" + random.nextInt(CUSTOMERS) + "@shop.example");
    }
    if (!last) for (int i = 0; i < 2; i++) prospect(now, store);
    if (hour >= 2 && random.nextInt(5) > 0) refund(now, store);
    subscriptions(hour, now, store.billing());
  }

  /** A quiet stretch: one order now and then, a refund every other time. */
  void quietStretch(int stretch, Instant now, Storefront store) {
    order(now, store, "c" + random.nextInt(CUSTOMERS) + "@shop.example");
    if (stretch % 2 == 1) refund(now, store);
  }

  private void order(Instant now, Storefront store, String email) {
    List<Long> bought = new ArrayList<Long>(PRODUCTS);
    Collections.shuffle(bought, random);
    bought = new ArrayList<Long>(bought.subList(0, 1 + random.nextInt(2)));
    Order o = new Order("SO-" + nextOrder++, email, bought);
    StoreEvent.Builder e =
        StoreEvent.builder()
            .trigger(Trigger.PRODUCT_PURCHASED)
            .occurredAt(now)
            .email(email)
            .reference(o.number)
            .eventKey("order:" + o.number + ":purchased")
            .currency("USD")
            .total(new BigDecimal("10.00").multiply(BigDecimal.valueOf(bought.size())));
    for (long p : bought) e.addLine(line(p));
    publish(store, e.build(), now);
    refundable.add(o);
    Set<String> t = tagsOf(email);
    t.add("customer");
    for (long p : bought) t.add("bought-" + p);
    transactions.add(o.number);
    count(ActionStatus.DELIVERED, "ADD_TAG");
    count(ActionStatus.DELIVERED, "ADD_PURCHASE");
    kitWrites += 2; // one tag call for all the tags, one purchase
  }

  private void refund(Instant now, Storefront store) {
    if (refundable.isEmpty()) return;
    Order o = refundable.remove(random.nextInt(refundable.size()));
    StoreEvent.Builder e =
        StoreEvent.builder()
            .trigger(Trigger.PRODUCT_REFUNDED)
            .occurredAt(now)
            .email(o.email)
            .reference(o.number)
            .eventKey("order:" + o.number + ":refunded")
            .currency("USD");
    for (long p : o.products) e.addLine(line(p));
    publish(store, e.build(), now);
    for (long p : o.products) tagsOf(o.email).remove("bought-" + p);
    count(ActionStatus.DELIVERED, "REMOVE_TAG");
    kitWrites += o.products.size(); // Kit removes one tag per call
  }

  private void prospect(Instant now, Storefront store) {
    Prospect p = new Prospect("cart-" + nextCart, "lead" + nextCart + "@shop.example");
    nextCart++;
    publish(
        store,
        StoreEvent.builder()
            .trigger(Trigger.PROSPECT_CREATED)
            .occurredAt(now)
            .email(p.email)
            .reference(p.cart)
            .eventKey("cart:" + p.cart + ":prospect")
            .build(),
        now);
    undecided.add(p);
  }

  private void publish(Storefront store, StoreEvent e, Instant now) {
    PublishResult r = store.publisher().publish(e);
    assertTrue(r.isAccepted(), e.eventKey() + " is new: " + r);
    published.add(new Published(e, now));
    eventKeys.add(e.eventKey());
  }

  private static EventLine line(long product) {
    return EventLine.builder()
        .productId(product)
        .sku("SKU-" + product)
        .name("Product " + product)
        .unitPrice(new BigDecimal("10.00"))
        .build();
  }

  // ---- subscriptions: started in the first hours, renewed every six; the odd ones fail a renewal,
  // get a new card an hour later and are charged again an hour after that (a recovery).

  private void subscriptions(int hour, Instant now, SubscriptionLifecycle billing) {
    for (int k = 0; k < SUBSCRIPTIONS; k++) {
      String sub = "sub-" + k;
      int age = hour - k;
      boolean recovering = k % 2 == 1;
      if (age == 0) {
        SubscriptionStarted start =
            SubscriptionStarted.builder()
                .subscriptionId(sub)
                .productId(104)
                .sku("CLUB-MONTHLY")
                .productName("Creator Club")
                .price(new BigDecimal("19.00"))
                .currency("USD")
                .email("member" + k + "@shop.example")
                .startedAt(now)
                .build();
        report(billing, now, "start of " + sub, l -> l.started(start));
      } else if (age > 0 && age % RENEWAL_HOURS == 0) {
        String charge = sub + "-ch" + age / RENEWAL_HOURS;
        if (recovering && age == 2 * RENEWAL_HOURS) {
          ChargeFailed failed =
              ChargeFailed.builder()
                  .subscriptionId(sub)
                  .chargeId(charge)
                  .reason("card declined")
                  .failedAt(now)
                  .build();
          report(billing, now, "failed " + charge, l -> l.chargeFailed(failed));
          noRuleEvent(charge + ":failed");
        } else {
          charged(billing, now, sub, charge);
          // The first successful recurring charge also starts the subscription (issue 18).
          if (age == RENEWAL_HOURS) noRuleEvent(charge + ":started");
        }
      } else if (recovering && age == 2 * RENEWAL_HOURS + 1) {
        CardUpdated card = CardUpdated.builder().subscriptionId(sub).updatedAt(now).build();
        // Not reported again after restarts: a card update has no id to be a duplicate by.
        FactResult r = billing.cardUpdated(card);
        assertEquals(FactResult.Outcome.APPLIED, r.outcome(), "card update of " + sub + ": " + r);
      } else if (recovering && age == 2 * RENEWAL_HOURS + 2) {
        String charge = sub + "-ch2b";
        charged(billing, now, sub, charge);
        noRuleEvent(charge + ":recovered");
      }
    }
  }

  private void charged(SubscriptionLifecycle billing, Instant now, String sub, String charge) {
    ChargeSucceeded paid =
        ChargeSucceeded.builder()
            .subscriptionId(sub)
            .chargeId(charge)
            .amount(new BigDecimal("19.00"))
            .chargedAt(now)
            .build();
    report(billing, now, "charge " + charge, l -> l.chargeSucceeded(paid));
    eventKeys.add(charge);
    transactions.add(charge); // a renewal's transaction id is its charge id
    count(ActionStatus.DELIVERED, "ADD_PURCHASE");
    kitWrites++;
  }

  private void noRuleEvent(String key) {
    eventKeys.add(key);
    count(ActionStatus.SKIPPED, "no rule");
  }

  private void report(
      SubscriptionLifecycle billing,
      Instant now,
      String what,
      Function<SubscriptionLifecycle, FactResult> fact) {
    FactResult r = fact.apply(billing);
    assertEquals(FactResult.Outcome.APPLIED, r.outcome(), what + ": " + r);
    facts.add(new ReportedFact(now, what, fact));
  }

  // ---- what the catch-up after a restart sees

  /** The events the store published that the engine received after {@code since}. */
  List<StoreEvent> publishedAfter(Instant since) {
    List<StoreEvent> out = new ArrayList<StoreEvent>();
    for (Published p : published) if (p.receivedAt.isAfter(since)) out.add(p.event);
    return out;
  }

  /** The billing facts reported after {@code since}. */
  List<ReportedFact> factsAfter(Instant since) {
    List<ReportedFact> out = new ArrayList<ReportedFact>();
    for (ReportedFact f : facts) if (f.at.isAfter(since)) out.add(f);
    return out;
  }

  // ---- what it must all come to

  /** The tags each subscriber of an order or a prospect must end with in Kit. */
  Map<String, Set<String>> expectedTags() {
    Map<String, Set<String>> out = new TreeMap<String, Set<String>>();
    for (Map.Entry<String, Set<String>> e : tags.entrySet()) {
      out.put(e.getKey(), new TreeSet<String>(e.getValue()));
    }
    return out;
  }

  /** Every purchase Kit must hold, once each: order numbers and subscription charges. */
  List<String> expectedTransactions() {
    List<String> out = new ArrayList<String>(transactions);
    Collections.sort(out);
    return out;
  }

  /** The key of every event the engine must have stored, once. */
  Set<String> expectedEventKeys() {
    return new TreeSet<String>(eventKeys);
  }

  /** How many actions must end in each status, per action ("DELIVERED ADD_TAG" -> n). */
  Map<String, Integer> expectedActions() {
    return new TreeMap<String, Integer>(actions);
  }

  /** The Kit writes (tag, untag, purchase calls) the delivered actions take. */
  int expectedKitWrites() {
    return kitWrites;
  }

  private Set<String> tagsOf(String email) {
    return tags.computeIfAbsent(email, e -> new LinkedHashSet<String>());
  }

  private void count(ActionStatus status, String action) {
    actions.merge(status + " " + action, 1, Integer::sum);
  }
}

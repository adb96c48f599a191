package com.ckengine.broadleaf;

import com.ckengine.api.EventLine;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogQuery;
import com.ckengine.engine.UnstoredEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link CatchUpSource} over orders held in memory, publishing to a real engine: what differs
 * from the storefront's orders is only where the rows come from. An order can be made to fail with
 * any exception (its data makes no event, the database is away), or to be gone.
 */
final class FakeOrders implements CatchUpSource {
  private final IntegrationEngine engine;
  private final List<CatchUpCandidate> rows = new ArrayList<>();
  private final Map<String, Supplier<RuntimeException>> failing = new HashMap<>();
  private final List<String> gone = new ArrayList<>();

  FakeOrders(IntegrationEngine engine) {
    this.engine = engine;
  }

  /** An order submitted {@code secondsAgo}. */
  void add(long id, String number, long secondsAgo) {
    rows.add(
        new CatchUpCandidate(
            id,
            new Date(System.currentTimeMillis() - secondsAgo * 1000),
            number,
            "order " + number));
  }

  /** From now on, publishing this order throws what {@code failure} makes. */
  void failing(String number, Supplier<RuntimeException> failure) {
    failing.put(number, failure);
  }

  void healed(String number) {
    failing.remove(number);
  }

  /** The order no longer exists. */
  void deleted(String number) {
    gone.add(number);
  }

  /** Whether the engine stored this order's event. */
  boolean stored(String number) {
    return !engine
        .log()
        .search(LogQuery.builder().reference(number).trigger(Trigger.PRODUCT_PURCHASED).build())
        .entries()
        .isEmpty();
  }

  static StoreEvent purchase(String number) {
    return StoreEvent.builder()
        .trigger(Trigger.PRODUCT_PURCHASED)
        .occurredAt(Instant.now())
        .email("buyer@example.com")
        .reference(number)
        .eventKey("order:" + number + ":purchased")
        .currency("USD")
        .total(new BigDecimal("12.50"))
        .addLine(
            EventLine.builder()
                .productId(7L)
                .sku("SKU7")
                .name("Product 7")
                .unitPrice(new BigDecimal("12.50"))
                .build())
        .build();
  }

  @Override
  public String name() {
    return "order";
  }

  @Override
  public Collection<Trigger> triggers() {
    return Collections.singleton(Trigger.PRODUCT_PURCHASED);
  }

  @Override
  public List<CatchUpCandidate> candidates(Date from, long fromId, Date upTo, int limit) {
    List<CatchUpCandidate> out = new ArrayList<>();
    for (CatchUpCandidate c : rows) {
      boolean after = c.time().after(from) || (c.time().equals(from) && c.id() > fromId);
      if (after && !c.time().after(upTo) && out.size() < limit) out.add(c);
    }
    return out;
  }

  @Override
  public boolean isStored(CatchUpCandidate c) {
    return stored(c.reference());
  }

  @Override
  public boolean publish(CatchUpCandidate c) {
    return publish(c.reference());
  }

  private boolean publish(String number) {
    Supplier<RuntimeException> failure = failing.get(number);
    if (failure != null) throw failure.get();
    return engine.publisher().publish(purchase(number)).isAccepted();
  }

  @Override
  public Republished republish(UnstoredEvent event) {
    if (gone.contains(event.reference())) {
      return Republished.nothing("order " + event.reference() + " no longer exists");
    }
    publish(event.reference());
    return Republished.PUBLISHED;
  }

  @Override
  public void ensureIndex() {}
}

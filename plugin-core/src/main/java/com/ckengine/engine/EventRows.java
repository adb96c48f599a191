package com.ckengine.engine;

import com.ckengine.api.EventLine;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.StoreField;
import com.ckengine.engine.store.EventEntity;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Converts between a published {@link StoreEvent} and its stored row. */
final class EventRows {
  private EventRows() {}

  /**
   * The row of {@code event}, keeping of its customer facts only those in {@code mappedFacts} (the
   * store fields its integrations send to Kit's custom fields).
   */
  static EventEntity of(StoreEvent event, long receivedAt, Set<StoreField> mappedFacts) {
    EventEntity e = new EventEntity();
    e.setEventKey(event.eventKey());
    e.setTrigger(event.trigger());
    e.setOccurredAt(event.occurredAt().toEpochMilli());
    e.setReceivedAt(receivedAt);
    e.setEmail(event.email());
    e.setFirstName(event.firstName());
    e.setReference(event.reference());
    e.setCurrency(event.currency());
    e.setSubtotal(event.subtotal());
    e.setTax(event.tax());
    e.setShipping(event.shipping());
    e.setDiscount(event.discount());
    e.setTotal(event.total());
    e.setTest(event.isTest());
    e.setLinesJson(event.lines().isEmpty() ? null : LinesJson.write(event.lines()));
    e.setFactsJson(EventFacts.write(event, mappedFacts));
    return e;
  }

  /** When the event happened, as the store said: the instant the prospect check and Kit get. */
  static Instant occurredAt(EventEntity e) {
    return Instant.ofEpochMilli(e.getOccurredAt());
  }

  /**
   * The event as it was published, from its row: for evaluating today's rules against it again (a
   * Retry).
   *
   * @throws com.ckengine.api.InvalidEventException if the row no longer makes a valid event
   */
  static StoreEvent event(EventEntity e) {
    return StoreEvent.builder()
        .trigger(e.getTrigger())
        .occurredAtMillis(e.getOccurredAt())
        .email(e.getEmail())
        .firstName(e.getFirstName())
        .reference(e.getReference())
        .eventKey(e.getEventKey())
        .currency(e.getCurrency())
        .subtotal(e.getSubtotal())
        .tax(e.getTax())
        .shipping(e.getShipping())
        .discount(e.getDiscount())
        .total(e.getTotal())
        .test(e.isTest())
        .lines(lines(e))
        .customerFacts(hostFacts(e))
        .build();
  }

  /** The facts the host gave (the product just bought is derived again from the lines). */
  private static java.util.Map<com.ckengine.api.StoreField, String> hostFacts(EventEntity e) {
    java.util.Map<com.ckengine.api.StoreField, String> facts = EventFacts.read(e.getFactsJson());
    facts.remove(com.ckengine.api.StoreField.PRODUCT_BOUGHT);
    return facts;
  }

  static List<EventLine> lines(EventEntity e) {
    return LinesJson.read(e.getLinesJson());
  }
}

package com.ckengine.admin;

import com.ckengine.api.EventLine;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import java.math.BigDecimal;
import java.time.Instant;

/** The store events the admin screens' tests publish: one course (product 101) at 10.00. */
public final class TestEvents {
  private TestEvents() {}

  /** Order {@code order} bought by {@code email}, with the event key the order sweep gives it. */
  public static StoreEvent purchase(String email, String order) {
    return ofTheCourse(Trigger.PRODUCT_PURCHASED, email, order, "order:" + order + ":purchased");
  }

  /** An event of {@code trigger} about the course, for {@code reference}, under {@code key}. */
  public static StoreEvent ofTheCourse(
      Trigger trigger, String email, String reference, String eventKey) {
    return StoreEvent.builder()
        .trigger(trigger)
        .occurredAt(Instant.now())
        .email(email)
        .reference(reference)
        .eventKey(eventKey)
        .currency("USD")
        .addLine(
            EventLine.builder().productId(101).name("Course").unitPrice(BigDecimal.TEN).build())
        .build();
  }
}

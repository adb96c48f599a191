package com.ckengine.engine.bench;

import com.ckengine.api.EventLine;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.engine.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;

/** What the backlog benches share: the orders they publish, and the PostgreSQL they may need. */
final class Backlogs {
  private Backlogs() {}

  /** Order B{@code i}: one product, bought by a subscriber of its own (a lane of its own). */
  static StoreEvent order(int i) {
    return StoreEvent.builder()
        .trigger(Trigger.PRODUCT_PURCHASED)
        .occurredAt(Instant.now())
        .email("b" + i + "@example.com")
        .reference("B" + i)
        .eventKey("order:B" + i)
        .currency("USD")
        .addLine(EventLine.builder().productId(1).name("P").unitPrice(BigDecimal.ONE).build())
        .build();
  }

  /** Stops the bench, saying how to start one, when no PostgreSQL is set. */
  static void requirePostgres() {
    if (!TestDatabases.postgresAvailable()) {
      System.err.println(
          "set CKIE_PG_URL, CKIE_PG_USER, CKIE_PG_PASSWORD (eval \"$(.ci/postgres.sh start)\")");
      System.exit(2);
    }
  }
}

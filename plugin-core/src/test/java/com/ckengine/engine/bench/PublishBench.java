package com.ckengine.engine.bench;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.OfflineEngine;
import com.ckengine.engine.PurchaseRules;
import com.ckengine.engine.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import javax.persistence.EntityManagerFactory;

/**
 * Cost of {@code publish} on the caller's thread: rules evaluated, event and actions written in one
 * transaction. Each event matches a product rule and a global rule (3 actions: add tags, remove a
 * tag, add purchase). Args: [events] [hsqldb|postgres].
 */
public final class PublishBench {
  private PublishBench() {}

  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    boolean pg = args.length > 1 && args[1].equals("postgres");
    EntityManagerFactory emf = pg ? TestDatabases.postgres() : TestDatabases.hsqldb();
    IntegrationEngine engine = OfflineEngine.builder(emf).build();
    long integration = OfflineEngine.insertIntegration(emf);
    for (long p = 1; p <= 100; p++) {
      engine
          .rules()
          .create(
              RuleDefinition.builder()
                  .trigger(Trigger.PRODUCT_PURCHASED)
                  .integrationId(integration)
                  .action(ActionType.ADD_TAG)
                  .productId(p)
                  .addTag("bought-" + p)
                  .build());
    }
    PurchaseRules.addTag(engine, integration, "customer");
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integration)
                .action(ActionType.REMOVE_TAG)
                .addTag("prospect")
                .build());
    PurchaseRules.addPurchase(engine, integration);

    int warmup = Math.min(5000, events / 4);
    long[] nanos = new long[events];
    for (int n = 0; n < warmup + events; n++) {
      com.ckengine.api.StoreEvent e =
          com.ckengine.api.StoreEvent.builder()
              .trigger(Trigger.PRODUCT_PURCHASED)
              .occurredAt(Instant.now())
              .email("c" + n + "@example.com")
              .firstName("C")
              .reference("O" + n)
              .eventKey("order:" + n + ":purchased")
              .currency("USD")
              .total(new BigDecimal("30.00"))
              .addLine(
                  com.ckengine.api.EventLine.builder()
                      .productId(1 + n % 100)
                      .sku("S" + n % 100)
                      .name("Product")
                      .quantity(2)
                      .unitPrice(new BigDecimal("15.00"))
                      .build())
              .build();
      long t0 = System.nanoTime();
      engine.publisher().publish(e);
      long t = System.nanoTime() - t0;
      if (n >= warmup) nanos[n - warmup] = t;
    }
    System.out.println(
        "publish on "
            + (pg ? "PostgreSQL" : "in-memory HSQLDB")
            + ", 3 actions per event: "
            + new Stats(nanos, events).summary());
    engine.close();
    emf.close();
  }
}

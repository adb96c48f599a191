package com.ckengine.broadleaf;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.EventPublisher;
import com.ckengine.api.PublishResult;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.api.subscription.ChargeFailed;
import com.ckengine.api.subscription.SubscriptionLifecycle;
import com.ckengine.api.subscription.SubscriptionStarted;
import com.ckengine.engine.TestDatabases;
import com.ckengine.subscription.JpaSubscriptionLifecycle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

class SubscriptionLifecycleFactoryBeanTest {

  @Test
  void buildsOneLifecycleWithTheConfiguredThreshold() {
    EntityManagerFactory emf = TestDatabases.hsqldb();
    try {
      List<Trigger> published = new ArrayList<>();
      SubscriptionLifecycleFactoryBean factory = new SubscriptionLifecycleFactoryBean();
      factory.setEntityManagerFactory(emf);
      factory.setPublisher(
          new EventPublisher() {
            @Override
            public PublishResult publish(StoreEvent event) {
              published.add(event.trigger());
              return PublishResult.accepted(published.size(), 0);
            }

            @Override
            public int cancel(Trigger trigger, String reference) {
              return 0;
            }
          });
      factory.setDelinquentAfter(1);
      SubscriptionLifecycle lifecycle = factory.getObject();
      assertSame(lifecycle, factory.getObject());
      assertEquals(SubscriptionLifecycle.class, factory.getObjectType());
      assertEquals(1, ((JpaSubscriptionLifecycle) lifecycle).delinquentAfter());

      Instant t = Instant.parse("2026-03-01T10:00:00Z");
      lifecycle.started(
          SubscriptionStarted.builder()
              .subscriptionId("s1")
              .productId(1)
              .productName("Club")
              .price(BigDecimal.TEN)
              .currency("EUR")
              .email("a@example.com")
              .startedAt(t)
              .build());
      lifecycle.chargeFailed(
          ChargeFailed.builder().subscriptionId("s1").chargeId("c1").failedAt(t).build());
      assertEquals(
          List.of(
              Trigger.SUBSCRIPTION_CHARGE_FAILED,
              Trigger.SUBSCRIPTION_DELINQUENT,
              Trigger.SUBSCRIPTION_CANCELED),
          published);
    } finally {
      emf.close();
    }
  }

  @Test
  void aMissingPartIsNamed() {
    SubscriptionLifecycleFactoryBean factory = new SubscriptionLifecycleFactoryBean();
    IllegalStateException e = assertThrows(IllegalStateException.class, factory::getObject);
    assertEquals("entityManagerFactory is required", e.getMessage());
  }
}

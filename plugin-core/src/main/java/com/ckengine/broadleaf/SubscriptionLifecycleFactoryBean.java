package com.ckengine.broadleaf;

import com.ckengine.api.EventPublisher;
import com.ckengine.api.subscription.SubscriptionLifecycle;
import com.ckengine.subscription.JpaSubscriptionLifecycle;
import javax.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.FactoryBean;

/**
 * Builds the plugin's {@link SubscriptionLifecycle} (bean {@code ckSubscriptionLifecycle}) on the
 * host's persistence unit, publishing through the engine's {@link EventPublisher}. A billing module
 * injects it by that name and reports its facts there.
 */
public class SubscriptionLifecycleFactoryBean implements FactoryBean<SubscriptionLifecycle> {
  private static final Log LOG = LogFactory.getLog(SubscriptionLifecycleFactoryBean.class);

  private EntityManagerFactory entityManagerFactory;
  private EventPublisher publisher;
  private int delinquentAfter = JpaSubscriptionLifecycle.DEFAULT_DELINQUENT_AFTER;
  private SubscriptionLifecycle lifecycle;

  public void setEntityManagerFactory(EntityManagerFactory emf) {
    this.entityManagerFactory = emf;
  }

  /** The engine's publisher: {@code IntegrationEngine.publisher()}. */
  public void setPublisher(EventPublisher publisher) {
    this.publisher = publisher;
  }

  /**
   * Failed charges in a row that make a subscription delinquent ({@code
   * ckengine.subscription.delinquentAfter}).
   */
  public void setDelinquentAfter(int failures) {
    this.delinquentAfter = failures;
  }

  @Override
  public synchronized SubscriptionLifecycle getObject() {
    if (lifecycle == null) {
      lifecycle =
          JpaSubscriptionLifecycle.builder()
              .entityManagerFactory(entityManagerFactory)
              .publisher(publisher)
              .delinquentAfter(delinquentAfter)
              .build();
      LOG.info(
          "Subscription lifecycle ready: delinquent after "
              + delinquentAfter
              + " failed charges in a row");
    }
    return lifecycle;
  }

  @Override
  public Class<?> getObjectType() {
    return SubscriptionLifecycle.class;
  }

  @Override
  public boolean isSingleton() {
    return true;
  }
}

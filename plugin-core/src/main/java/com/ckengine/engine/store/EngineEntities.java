package com.ckengine.engine.store;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The entity classes of the engine, as listed in {@code META-INF/persistence-ckengine.xml}; for
 * building a persistence unit by hand (tests, hosts without persistence.xml merging).
 */
public final class EngineEntities {
  private EngineEntities() {}

  public static final List<Class<?>> CLASSES =
      Collections.unmodifiableList(
          Arrays.<Class<?>>asList(
              com.ckengine.subscription.SubscriptionEntity.class,
              com.ckengine.subscription.SubscriptionFactEntity.class,
              IntegrationEntity.class,
              CachedTagEntity.class,
              CachedTargetEntity.class,
              CachedFieldEntity.class,
              FieldMappingEntity.class,
              RuleEntity.class,
              RuleTagEntity.class,
              RuleVersionEntity.class,
              EventEntity.class,
              ActionEntity.class,
              ActionTagEntity.class,
              DeliveryLeaseEntity.class,
              PurchaseRecordEntity.class,
              UnstoredEventEntity.class,
              PastOrderRunEntity.class));
}

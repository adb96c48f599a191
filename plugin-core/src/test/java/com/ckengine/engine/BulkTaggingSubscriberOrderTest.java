package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.kit.BulkSubscriber;
import com.ckengine.kit.KitBulkSubscribers;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One subscriber's actions are never in one bulk batch, and keep their planned order: a bulk batch
 * takes each subscriber's first due action only when it is an Add Tag; the later ones go after it.
 */
class BulkTaggingSubscriberOrderTest extends BulkDeliveryTestBase {

  @Test
  void oneSubscribersActionsAreNeverInOneBatchAndGoInOrder() {
    List<List<String>> batches = Collections.synchronizedList(new ArrayList<List<String>>());
    DelegatingKit kit =
        new DelegatingKit(client()) {
          @Override
          public KitResult<KitBulkSubscribers> bulkUpsertSubscribers(
              KitCredential s, List<BulkSubscriber> subscribers) {
            List<String> emails = new ArrayList<String>();
            for (BulkSubscriber b : subscribers) emails.add(b.email().toLowerCase(Locale.ROOT));
            batches.add(emails);
            return d.bulkUpsertSubscribers(s, subscribers);
          }
        };
    oauthEngine(kit);
    com.ckengine.api.RuleTag customer = picked("customer");
    PurchaseRules.addTag(engine, integration, customer);
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_REFUNDED)
                .integrationId(integration)
                .action(ActionType.REMOVE_TAG)
                .addTag(customer)
                .build());
    // Ann buys twice (two Add Tags), is refunded (a Remove Tag), then buys again (an Add Tag);
    // others buy meanwhile.
    engine.publisher().publish(DeliveryTestBase.purchase("A1", "ann@example.com", 1));
    publishPurchases(3, "buyer");
    engine.publisher().publish(DeliveryTestBase.purchase("A2", "Ann@Example.com", 1));
    engine.publisher().publish(refundFor("A2", "ann@example.com"));
    engine.publisher().publish(DeliveryTestBase.purchase("A3", "ann@example.com", 1));

    engine.start();
    awaitFinal(3);
    DeliveryTestBase.await(
        "Ann's actions final",
        () -> finalIn(engine, "A1") && finalIn(engine, "A2") && finalIn(engine, "A3"));

    assertFalse(batches.isEmpty(), "the backlog went in bulk");
    for (List<String> batch : batches) {
      Set<String> distinct = new HashSet<String>(batch);
      assertEquals(distinct.size(), batch.size(), "one subscriber twice in " + batch);
    }
    List<LogEntry> ann = new ArrayList<LogEntry>();
    for (String order : new String[] {"A1", "A2", "A3"}) ann.addAll(log(engine, order));
    ann.sort((a, b) -> Long.compare(a.actionId(), b.actionId()));
    for (LogEntry e : ann) {
      assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
      assertEquals(1, e.attempts(), e.toString());
    }
    for (int i = 1; i < ann.size(); i++) {
      assertTrue(
          !ann.get(i).finishedAt().isBefore(ann.get(i - 1).finishedAt()),
          "in planned order: " + ann);
    }
    // Bought again after the refund: tagged.
    assertEquals(
        Collections.singletonList("customer"), sandbox.subscriberTags(secret, "ann@example.com"));
  }
}

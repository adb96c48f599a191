package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.TestEvents;
import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogSearchTest {
  TestEngine t;
  LogSearch logs;
  long integration;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    logs = new LogSearch(t.engine);
    integration = t.connectMain().id();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  private void purchase(String email, String order) {
    t.engine.publisher().publish(TestEvents.purchase(email, order));
  }

  /** Product Purchased: Add Tag To Subscriber "buyer", on the test's integration. */
  private void buyerRule() {
    t.engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integration)
                .action(ActionType.ADD_TAG)
                .addTag("buyer")
                .build());
  }

  private static LogSearchForm byEmail(String email) {
    LogSearchForm f = new LogSearchForm();
    f.setEmail(email);
    return f;
  }

  @Test
  void anEmailThatGotNothingSaysWhy() {
    purchase("nobody@example.com", "1001");
    LogSearch.Page p = logs.search(byEmail("NOBODY@example.com"));
    assertEquals(1, p.getRows().size(), "the event is logged though no rule matched");
    LogRow row = p.getRows().get(0);
    assertEquals("SKIPPED", row.getStatus());
    assertEquals("no rule matched", row.getRuleScope());
    assertTrue(row.getSent().startsWith("Nothing"));

    LogSearch.Page none = logs.search(byEmail("never@example.com"));
    assertTrue(none.getRows().isEmpty());
    assertTrue(none.getEmptyReason().contains("no store event with this email"));
  }

  @Test
  void badFiltersAreReportedBesideTheirFields() {
    LogSearchForm f = new LogSearchForm();
    f.setFrom("yesterday");
    f.setTo("2026-01-01");
    f.setStatus("LOST");
    f.setTrigger("<script>");
    LogSearch.Page p = logs.search(f);
    assertTrue(p.getErrors().has("from"));
    assertTrue(p.getErrors().has("status"));
    assertTrue(p.getErrors().has("trigger"));
    f.setFrom("2026-02-01");
    assertTrue(logs.search(f).getErrors().get("to").contains("before"));
  }

  @Test
  void aFailedEntryOpensAndIsRetried() {
    buyerRule();
    t.sandbox.failNext(1, 422);
    t.engine.start();
    purchase("ann@example.com", "1002");
    waitFor(() -> status("ann@example.com").equals("FAILED"));

    LogRow failed = logs.search(byEmail("ann@example.com")).getRows().get(0);
    assertTrue(failed.isFailed());
    assertEquals("422", failed.getHttpStatus());
    assertEquals("Tag the subscriber ann@example.com with: buyer", failed.getSent());
    LogRow opened = logs.entry(failed.getId());
    assertEquals(failed.getId(), opened.getId());
    assertEquals("Main", opened.getIntegration());
    assertEquals("global", opened.getRuleScope());

    assertNull(logs.retry(failed.getId()));
    waitFor(() -> status("ann@example.com").equals("DELIVERED"));
    assertTrue(t.sandbox.subscriberTags(t.secret, "ann@example.com").contains("buyer"));
    assertTrue(
        logs.retry(failed.getId()).contains("Only FAILED"), "a delivered one is not sent again");
    assertNull(logs.entry(987654L));

    LogSearchForm byTag = new LogSearchForm();
    byTag.setTag("BUYER");
    byTag.setStatus("DELIVERED");
    assertEquals(1, logs.search(byTag).getRows().size());
    LogSearchForm other = new LogSearchForm();
    other.setReference("no-such-order");
    assertFalse(logs.search(other).getEmptyReason().isEmpty());
  }

  /** A subscription event nobody wrote a rule for: one SKIPPED row ("no rule matched"). */
  private void delinquent(String email, String subscription, int n) {
    t.engine
        .publisher()
        .publish(
            StoreEvent.builder()
                .trigger(Trigger.SUBSCRIPTION_DELINQUENT)
                .occurredAt(Instant.now())
                .email(email)
                .reference(subscription)
                .eventKey("subscription:" + subscription + ":delinquent:" + n)
                .build());
  }

  @Test
  void aSubscriptionIdIsFoundAndMoreThanAPageIsFollowedWithTheFiltersKept() {
    for (int n = 0; n < LogSearch.PAGE_SIZE + 5; n++) delinquent("sub@example.com", "sub_42", n);
    delinquent("sub@example.com", "sub_43", 0);
    purchase("sub@example.com", "3001");

    LogSearchForm f = new LogSearchForm();
    f.setReference("sub_42");
    LogSearch.Page first = logs.search(f);
    assertTrue(first.isNewest());
    assertEquals(LogSearch.PAGE_SIZE, first.getRows().size());
    assertTrue(first.isHasMore(), "an Older link");
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (LogRow r : first.getRows()) {
      assertEquals("sub_42", r.getReference());
      assertEquals("Subscription Delinquent", r.getTrigger());
      assertTrue(seen.add(r.getId()));
    }

    // The Older link: the same filters and the cursor.
    f.setAfter(first.getNextCursor());
    LogSearch.Page older = logs.search(f);
    assertFalse(older.isNewest());
    assertFalse(older.isHasMore(), "the last page");
    assertEquals(5, older.getRows().size(), "the rest, and only sub_42's");
    for (LogRow r : older.getRows()) {
      assertEquals("sub_42", r.getReference());
      assertTrue(seen.add(r.getId()), "no entry shown twice");
    }
    assertTrue(
        first.getRows().get(LogSearch.PAGE_SIZE - 1).getId() > older.getRows().get(0).getId(),
        "newest first, the older page after the first");

    // A mangled cursor starts again from the newest instead of failing.
    f.setAfter("not-a-cursor");
    assertTrue(logs.search(f).isNewest());
  }

  @Test
  void triggerIntegrationAndDateRangeFindTheirEntriesOnly() {
    IntegrationForm second = new IntegrationForm();
    second.setLabel("Second");
    second.setApiSecret(t.sandbox.createAccount("Second store", "second@example.com"));
    long other = new IntegrationSetup(t.engine).connect(second).value().id();
    buyerRule();
    purchase("filters@example.com", "4001");
    delinquent("filters@example.com", "sub_44", 0);

    LogSearchForm f = byEmail("filters@example.com");
    assertEquals(2, logs.search(f).getRows().size());

    f.setTrigger("PRODUCT_PURCHASED");
    LogSearch.Page purchased = logs.search(f);
    assertEquals(1, purchased.getRows().size());
    assertEquals("4001", purchased.getRows().get(0).getReference());
    f.setTrigger("SUBSCRIPTION_DELINQUENT");
    assertEquals("sub_44", logs.search(f).getRows().get(0).getReference());
    f.setTrigger(null);

    f.setIntegrationId(String.valueOf(integration));
    LogSearch.Page main = logs.search(f);
    assertEquals(1, main.getRows().size(), "the skipped event belongs to no integration");
    assertEquals("Main", main.getRows().get(0).getIntegration());
    f.setIntegrationId(String.valueOf(other));
    assertTrue(logs.search(f).getRows().isEmpty());
    f.setIntegrationId(null);

    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    f.setFrom(today.minusDays(1).toString());
    f.setTo(today.plusDays(1).toString());
    assertEquals(2, logs.search(f).getRows().size());
    f.setFrom(today.plusDays(1).toString());
    f.setTo(today.plusDays(2).toString());
    assertTrue(logs.search(f).getRows().isEmpty(), "nothing from tomorrow on");
    f.setFrom(today.minusDays(3).toString());
    f.setTo(today.minusDays(1).toString());
    assertTrue(logs.search(f).getRows().isEmpty(), "nothing until yesterday");
  }

  private String status(String email) {
    return logs.search(byEmail(email)).getRows().get(0).getStatus();
  }

  private static void waitFor(BooleanSupplier done) {
    long until = System.currentTimeMillis() + 20000;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > until) throw new AssertionError("timed out");
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}

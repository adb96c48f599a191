package com.ckengine.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.TestEvents;
import com.ckengine.admin.TestStoreOrders;
import com.ckengine.admin.access.Access;
import com.ckengine.admin.access.NoAccessException;
import com.ckengine.admin.screens.FieldErrors;
import com.ckengine.admin.screens.LogRow;
import com.ckengine.admin.screens.LogSearch;
import com.ckengine.admin.screens.LogSearchForm;
import com.ckengine.admin.screens.PastOrdersForm;
import com.ckengine.admin.screens.PastRunRow;
import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * Apply to past orders from the Past Orders tab: the run starts, the page (and its JSON) shows its
 * progress read from the database until done, its rows in Logs are marked and filtered as from past
 * orders; a second run while one is active is refused; Pause, Resume and Cancel do what they say
 * and refuse what the run's state does not allow; a read-only user can look but not start.
 */
class PastOrdersRunScreenTest {
  static final ObjectMapper JSON = new ObjectMapper();

  TestEngine t;
  PastOrdersController page;
  Access access = Access.WRITE;
  long main;

  @BeforeEach
  void setUp() {
    TestStoreOrders store = new TestStoreOrders();
    for (int i = 1; i <= 5; i++) {
      store.add(
          "200" + i, "buyer" + i + "@example.com", Instant.parse("2024-03-0" + i + "T10:00:00Z"));
    }
    t = new TestEngine(store);
    main = t.connectMain().id();
    t.engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(main)
                .action(ActionType.ADD_TAG)
                .addTag("buyer")
                .enabled(true)
                .build());
    page = Controllers.pastOrders(t.engine, () -> access);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void applyRunsToDoneWithProgressFromTheDatabaseAndMarkedLogRows() throws Exception {
    // A live checkout of today, not one of the store's past orders: its row is not marked.
    t.engine.publisher().publish(TestEvents.purchase("live@example.com", "9001"));
    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    String view = page.start(form(), new ExtendedModelMap(), flash);
    assertEquals(PastOrdersController.PAGE + "?integrationId=" + main, view);
    assertTrue(String.valueOf(flash.getFlashAttributes().get("ckNotice")).contains("5 orders"));

    // A reload (the page as a fresh GET) shows the run, read from the database.
    PastRunRow run = activeRunOnThePage();
    assertNotNull(run, "the page shows the active run");
    assertEquals("RUNNING", run.getStatus());
    assertEquals(5, run.getTotal());
    assertEquals(0, run.getDone(), "nothing fed: delivery has not started");
    JsonNode json = progress(run.getId());
    assertEquals("RUNNING", json.get("status").asText());
    assertEquals(5, json.get("total").asLong());
    assertTrue(json.get("timeLeft").asText().contains("left"), json.toString());

    t.engine.start(); // the node that delivers feeds the run
    long deadline = System.currentTimeMillis() + 20_000;
    while (!"DONE".equals(json.get("status").asText()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      json = progress(run.getId());
    }
    assertEquals("DONE", json.get("status").asText(), json.toString());
    assertEquals(5, json.get("done").asLong());
    assertEquals(100, json.get("percent").asInt());
    assertFalse(json.get("active").asBoolean());
    for (int i = 1; i <= 5; i++) {
      assertTrue(
          t.sandbox.subscriberTags(t.secret, "buyer" + i + "@example.com").contains("buyer"));
    }
    assertNull(activeRunOnThePage(), "a finished run leaves the progress bar");

    List<LogRow> past = logs("past");
    assertEquals(5, past.size());
    for (LogRow r : past) {
      assertTrue(r.isFromPastOrders());
      assertEquals(Long.valueOf(run.getId()), r.getPastRunId());
    }
    assertEquals(5, logs("run:" + run.getId()).size());
    List<LogRow> live = logs("live");
    assertEquals(1, live.size());
    assertFalse(live.get(0).isFromPastOrders());
    assertEquals(6, logs(null).size());
    assertTrue(logs("run:" + (run.getId() + 1)).isEmpty());
  }

  @Test
  void anotherApplyWhileARunIsActiveIsRefusedWithAClearMessage() {
    page.start(form(), new ExtendedModelMap(), new RedirectAttributesModelMap());
    ExtendedModelMap model = new ExtendedModelMap();
    String view = page.start(form(), model, new RedirectAttributesModelMap());
    assertEquals(AdminScreen.CONTAINER, view);
    String error = ((FieldErrors) model.get("errors")).get(FieldErrors.GLOBAL);
    assertTrue(error.contains("already has a past-orders run running"), error);
    assertEquals(1, t.engine.pastOrders().runs(main, 10).size());
  }

  @Test
  void pauseResumeAndCancelChangeTheRunAndRefuseWhatItsStateDoesNotAllow() throws Exception {
    page.start(form(), new ExtendedModelMap(), new RedirectAttributesModelMap());
    long id = activeRunOnThePage().getId();

    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    page.pause(id, flash);
    assertTrue(String.valueOf(flash.getFlashAttributes().get("ckNotice")).contains("paused"));
    assertEquals("PAUSED", progress(id).get("status").asText());
    assertTrue(activeRunOnThePage().isCanResume());

    flash = new RedirectAttributesModelMap();
    page.pause(id, flash);
    assertTrue(
        String.valueOf(flash.getFlashAttributes().get("ckError")).contains("only a running run"),
        String.valueOf(flash.getFlashAttributes()));

    page.resume(id, new RedirectAttributesModelMap());
    assertEquals("RUNNING", progress(id).get("status").asText());

    flash = new RedirectAttributesModelMap();
    page.cancel(id, flash);
    assertTrue(String.valueOf(flash.getFlashAttributes().get("ckNotice")).contains("cancelled"));
    JsonNode json = progress(id);
    assertEquals("CANCELLED", json.get("status").asText());
    assertEquals("cancelled by the operator", json.get("message").asText());
    assertNull(activeRunOnThePage());

    flash = new RedirectAttributesModelMap();
    page.resume(id, flash);
    assertTrue(
        String.valueOf(flash.getFlashAttributes().get("ckError")).contains("is cancelled"),
        String.valueOf(flash.getFlashAttributes()));
    assertEquals("CANCELLED", progress(id).get("status").asText());
  }

  @Test
  void theProgressOfNoRunIsA404WithAMessage() throws Exception {
    ResponseEntity<String> r = page.progress(4242);
    assertEquals(HttpStatus.NOT_FOUND, r.getStatusCode());
    assertTrue(r.getBody().contains("There is no run 4242"), r.getBody());
    assertTrue(r.getHeaders().getContentType().toString().startsWith("application/json"));
  }

  @Test
  void aReadOnlyUserSeesButCannotStartPauseOrCancel() {
    page.start(form(), new ExtendedModelMap(), new RedirectAttributesModelMap());
    long id = activeRunOnThePage().getId();
    access = Access.READ;
    assertNotNull(activeRunOnThePage(), "a reader sees the run");
    assertThrows(
        NoAccessException.class,
        () -> page.start(form(), new ExtendedModelMap(), new RedirectAttributesModelMap()));
    assertThrows(NoAccessException.class, () -> page.pause(id, new RedirectAttributesModelMap()));
    assertThrows(NoAccessException.class, () -> page.cancel(id, new RedirectAttributesModelMap()));
    assertEquals(1, t.engine.pastOrders().runs(main, 10).size());
  }

  private PastRunRow activeRunOnThePage() {
    ExtendedModelMap model = new ExtendedModelMap();
    page.show("" + main, model);
    return (PastRunRow) model.get("activeRun");
  }

  private JsonNode progress(long id) throws Exception {
    ResponseEntity<String> r = page.progress(id);
    assertEquals(HttpStatus.OK, r.getStatusCode());
    return JSON.readTree(r.getBody());
  }

  private List<LogRow> logs(String origin) {
    LogSearchForm f = new LogSearchForm();
    f.setOrigin(origin);
    LogSearch.Page p = new LogSearch(t.engine).search(f);
    assertTrue(p.getErrors().isEmpty(), p.getErrors().toString());
    return p.getRows();
  }

  private PastOrdersForm form() {
    PastOrdersForm f = PastOrdersForm.fresh();
    f.setIntegrationId("" + main);
    f.setFrom("2024-03-01");
    f.setTo("2024-03-31");
    return f;
  }
}

package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.TestEvents;
import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTarget;
import com.ckengine.api.Trigger;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logs filter by action (every kind of the registry, Add Subscriber To Form and To Sequence
 * included), and each row of a form or sequence action names it where other rows show tags.
 */
class LogsByActionTest {
  TestEngine t;
  LogSearch logs;
  long integration;
  long form;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    logs = new LogSearch(t.engine);
    form = t.sandbox.createForm(t.secret, "Newsletter sign-up");
    integration = t.connectMain().id();
    rule(ActionType.ADD_TAG, null);
    rule(ActionType.ADD_TO_FORM, RuleTarget.of(form, "Newsletter sign-up"));
    t.engine.publisher().publish(TestEvents.purchase("ann@example.com", "3001"));
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void theActionFilterKeepsOnlyThatKindAndTheRowNamesTheForm() {
    LogSearchForm f = new LogSearchForm();
    f.setAction("ADD_TO_FORM");

    List<LogRow> rows = logs.search(f).getRows();

    assertEquals(1, rows.size(), String.valueOf(rows));
    assertEquals("Add Subscriber To Form", rows.get(0).getAction());
    assertEquals("Form: Newsletter sign-up", rows.get(0).getTags());
    assertEquals(
        "Subscribe ann@example.com (with first name) to the form Newsletter sign-up",
        rows.get(0).getSent());

    f.setAction("ADD_TAG");
    List<LogRow> tagRows = logs.search(f).getRows();
    assertEquals(1, tagRows.size());
    assertEquals("buyer", tagRows.get(0).getTags());
  }

  @Test
  void anActionNotInTheListIsAFieldError() {
    LogSearchForm f = new LogSearchForm();
    f.setAction("SEND_POSTCARD");

    LogSearch.Page page = logs.search(f);

    assertEquals("Choose an action from the list", page.getErrors().get("action"));
    assertTrue(page.getRows().isEmpty());
  }

  private void rule(ActionType action, RuleTarget target) {
    RuleDefinition.Builder b =
        RuleDefinition.builder()
            .trigger(Trigger.PRODUCT_PURCHASED)
            .integrationId(integration)
            .action(action)
            .target(target);
    if (action.usesTags()) b.addTag("buyer");
    t.engine.rules().create(b.build());
  }
}

package com.ckengine.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.access.Access;
import com.ckengine.admin.access.NoAccessException;
import com.ckengine.admin.screens.CustomFieldMapping;
import com.ckengine.admin.screens.FieldErrors;
import com.ckengine.api.StoreField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * Edit > Custom fields as Spring MVC calls it: GET shows the page with a row per store field and
 * the account's fields; a POST of the page's selects (with its CSRF token, which the controller
 * leaves to Broadleaf's filter) saves and goes back to the list with a notice; a POST naming a
 * store field the plugin does not have comes back to the page with the refusal shown and nothing
 * saved; a read-only user can neither open nor post it. (The page rendered in a browser: {@code
 * CustomFieldsBrowserTest} in demo-site. Its form is a {@code blc:form}, so Broadleaf's CSRF filter
 * checks it as it checks the other forms, tested over HTTP in {@code AdminIntegrationScreensTest}.)
 */
class CustomFieldsControllerTest {
  TestEngine t;
  Access access = Access.WRITE;
  IntegrationsController integrations;
  long main;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    t.sandbox.createCustomField(t.secret, "Last name");
    t.sandbox.createCustomField(t.secret, "City");
    integrations = Controllers.integrations(t.engine, () -> access);
    main = t.connectMain().id();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void getShowsARowPerStoreFieldAndTheAccountsFields() {
    ExtendedModelMap model = new ExtendedModelMap();
    assertEquals(AdminScreen.CONTAINER, integrations.fields(main, model));
    assertEquals("ckengine/customFields", model.get("viewType"));
    assertEquals(StoreField.values().length, rows(model).size());
    assertEquals(2, ((List<?>) model.get("accountFields")).size());
    assertTrue(((FieldErrors) model.get("errors")).isEmpty());
  }

  @Test
  void aValidPostSavesAndReturnsToTheListWithANotice() {
    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    String view =
        integrations.saveFields(
            main,
            posted(
                "csrfToken", "token", "field.LAST_NAME", "last_name", "field.BILLING_CITY", "city"),
            new ExtendedModelMap(),
            flash);
    assertEquals(IntegrationsController.LIST, view);
    assertEquals(
        "2 store fields are sent to Kit's custom fields",
        flash.getFlashAttributes().get("ckNotice"));
    assertEquals("city", t.engine.fieldMappings().get(main).get(StoreField.BILLING_CITY));
    ExtendedModelMap again = new ExtendedModelMap();
    integrations.fields(main, again);
    assertEquals("last_name", rows(again).get(StoreField.LAST_NAME.ordinal()).getMappedKey());
  }

  @Test
  void anUnknownStoreFieldIsRefusedOnThePageAndNothingSaved() {
    ExtendedModelMap model = new ExtendedModelMap();
    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    String view =
        integrations.saveFields(
            main,
            posted("csrfToken", "token", "field.LAST_NAME", "last_name", "field.SHOE_SIZE", "city"),
            model,
            flash);
    assertEquals(AdminScreen.CONTAINER, view);
    assertEquals("ckengine/customFields", model.get("viewType"));
    assertEquals(
        "no such store field: SHOE_SIZE",
        ((FieldErrors) model.get("errors")).get(FieldErrors.GLOBAL));
    assertTrue(flash.getFlashAttributes().isEmpty());
    assertTrue(t.engine.fieldMappings().get(main).isEmpty(), "nothing saved");
  }

  @Test
  void aReaderCanNeitherOpenNorPost() {
    access = Access.READ;
    assertThrows(NoAccessException.class, () -> integrations.fields(main, new ExtendedModelMap()));
    assertThrows(
        NoAccessException.class,
        () ->
            integrations.saveFields(
                main,
                posted("field.LAST_NAME", "last_name"),
                new ExtendedModelMap(),
                new RedirectAttributesModelMap()));
    assertTrue(t.engine.fieldMappings().get(main).isEmpty());
  }

  @SuppressWarnings("unchecked")
  private static List<CustomFieldMapping.Row> rows(ExtendedModelMap model) {
    return (List<CustomFieldMapping.Row>) model.get("rows");
  }

  private static Map<String, String> posted(String... pairs) {
    Map<String, String> m = new LinkedHashMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
    return m;
  }
}

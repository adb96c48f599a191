package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.sandbox.KitSandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Edit > Custom fields in a real browser (headless Chromium) against the demo and its sandbox: a
 * field created in Kit after connecting is offered once Refresh has read it; the operator maps Last
 * name and Billing city, saves, and the page shows them saved when opened again. A Kit account of
 * its own. Screenshots 50 and 51 go to docs/screenshots/ (docs/admin.md, "Custom fields").
 */
class CustomFieldsBrowserTest extends BrowserTestBase {
  private static final String LABEL = "Fields";

  private static KitSandbox kit;
  private static String secret;

  @BeforeAll
  static void boot() throws Exception {
    kit = demo.kitSandbox();
    // The demo account's fields: Last name, Phone number, Company.
    secret = com.ckengine.sandbox.DemoAccount.createAnother(kit, "fields@demo-store.example");
  }

  @Test
  void mapTwoFieldsSaveAndSeeThemSaved() throws Exception {
    page.runSavingThePageOnFailure("custom-fields-failure.html", this::journey);
  }

  private void journey() throws Exception {
    page.logInAsAdmin();
    page.connectNewIntegration(LABEL, secret);
    assertTrue(
        page.text("#ck-notice").contains("Connected '" + LABEL + "'"), page.text("#ck-notice"));

    // A field made in Kit after connecting: Refresh reads it.
    kit.createCustomField(secret, "City");
    page.clickAndLoad(page.integrationRow(LABEL).findElement(By.cssSelector(".ck-refresh")));
    assertTrue(page.text("#ck-notice").contains("4 custom fields"), page.text("#ck-notice"));

    page.clickAndLoad(page.integrationRow(LABEL).findElement(By.cssSelector(".ck-edit")));
    page.clickAndLoad(page.find("#ck-custom-fields"));
    List<String> offered = page.optionTexts("#ck-field\\.BILLING_CITY");
    assertEquals(List.of("(not sent)", "City", "Company", "Last name", "Phone number"), offered);
    new Select(page.find("#ck-field\\.LAST_NAME")).selectByVisibleText("Last name");
    new Select(page.find("#ck-field\\.BILLING_CITY")).selectByVisibleText("City");
    browser.screenshot("50-custom-fields-mapping");
    page.clickAndLoad(page.find("#ck-save-fields"));
    assertEquals("2 store fields are sent to Kit's custom fields", page.text("#ck-notice"));
    browser.screenshot("51-custom-fields-saved");

    // Opened again: the two saved, the rest not sent.
    page.clickAndLoad(page.integrationRow(LABEL).findElement(By.cssSelector(".ck-edit")));
    page.clickAndLoad(page.find("#ck-custom-fields"));
    assertEquals("Last name", selected("#ck-field\\.LAST_NAME"));
    assertEquals("City", selected("#ck-field\\.BILLING_CITY"));
    assertEquals("(not sent)", selected("#ck-field\\.PHONE"));
  }

  private static String selected(String css) {
    return new Select(page.find(css)).getFirstSelectedOption().getText().trim();
  }
}

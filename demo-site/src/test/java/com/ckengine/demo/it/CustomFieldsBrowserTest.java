package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.launcher.DemoServer;
import com.ckengine.sandbox.KitSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Edit > Custom fields in a real browser (headless Chromium) against the demo and its sandbox: a
 * field created in Kit after connecting is offered once Refresh has read it; the operator maps Last
 * name and Billing city, saves, and the page shows them saved when opened again. A Kit account of
 * its own. Screenshots 50 and 51 go to docs/screenshots/ (docs/admin.md, "Custom fields").
 */
class CustomFieldsBrowserTest {
  private static final String LABEL = "Fields";

  private static DemoServer demo;
  private static KitSandbox kit;
  private static String secret;
  private static HeadlessChromium browser;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
    kit = demo.kitSandbox();
    // The demo account's fields: Last name, Phone number, Company.
    secret = com.ckengine.sandbox.DemoAccount.createAnother(kit, "fields@demo-store.example");
    browser = new HeadlessChromium(AdminJourneyBrowserTest.screenshots());
    driver = browser.driver;
    wait = new WebDriverWait(driver, Duration.ofSeconds(60));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) browser.close();
  }

  @Test
  void mapTwoFieldsSaveAndSeeThemSaved() throws Exception {
    try {
      journey();
    } catch (Throwable t) {
      Path target = Paths.get("target", "custom-fields-failure.html");
      Files.write(target, driver.getPageSource().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      throw new AssertionError(
          "at " + driver.getCurrentUrl() + " (page saved to " + target.toAbsolutePath() + ")", t);
    }
  }

  private void journey() throws Exception {
    login();
    driver.get(demo.adminUrl() + "ckengine-integrations/new");
    type("#ck-label", LABEL);
    for (int attempt = 0; attempt < 3; attempt++) {
      type("#ck-secret", secret);
      clickAndLoad(find("#ck-save"));
      if (!kitWasUnreachable("#ck-secret-error")) break;
    }
    assertTrue(text("#ck-notice").contains("Connected '" + LABEL + "'"), text("#ck-notice"));

    // A field made in Kit after connecting: Refresh reads it.
    kit.createCustomField(secret, "City");
    clickAndLoad(integrationRow(LABEL).findElement(By.cssSelector(".ck-refresh")));
    assertTrue(text("#ck-notice").contains("4 custom fields"), text("#ck-notice"));

    clickAndLoad(integrationRow(LABEL).findElement(By.cssSelector(".ck-edit")));
    clickAndLoad(find("#ck-custom-fields"));
    List<String> offered = optionTexts("#ck-field\\.BILLING_CITY");
    assertEquals(List.of("(not sent)", "City", "Company", "Last name", "Phone number"), offered);
    new Select(find("#ck-field\\.LAST_NAME")).selectByVisibleText("Last name");
    new Select(find("#ck-field\\.BILLING_CITY")).selectByVisibleText("City");
    browser.screenshot("50-custom-fields-mapping");
    clickAndLoad(find("#ck-save-fields"));
    assertEquals("2 store fields are sent to Kit's custom fields", text("#ck-notice"));
    browser.screenshot("51-custom-fields-saved");

    // Opened again: the two saved, the rest not sent.
    clickAndLoad(integrationRow(LABEL).findElement(By.cssSelector(".ck-edit")));
    clickAndLoad(find("#ck-custom-fields"));
    assertEquals("Last name", selected("#ck-field\\.LAST_NAME"));
    assertEquals("City", selected("#ck-field\\.BILLING_CITY"));
    assertEquals("(not sent)", selected("#ck-field\\.PHONE"));
  }

  private static void login() {
    driver.manage().deleteAllCookies();
    driver.get(demo.adminUrl() + "login");
    type("#username", DemoServer.ADMIN_USER);
    type("#password", DemoServer.ADMIN_PASSWORD);
    find("input[type=submit]").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sideMenu")));
  }

  private static WebElement integrationRow(String label) {
    find("#ck-integrations");
    for (WebElement r : driver.findElements(By.cssSelector("#ck-integrations .ck-integration"))) {
      if (label.equals(r.getAttribute("data-label"))) return r;
    }
    throw new AssertionError("no integration row '" + label + "' in " + text("#ck-integrations"));
  }

  private static String selected(String css) {
    return new Select(find(css)).getFirstSelectedOption().getText().trim();
  }

  private static boolean kitWasUnreachable(String css) {
    List<WebElement> e = driver.findElements(By.cssSelector(css));
    return !e.isEmpty() && e.get(0).getText().contains("could not be reached");
  }

  private static void clickAndLoad(WebElement button) {
    WebElement before = driver.findElement(By.tagName("html"));
    wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    wait.until(ExpectedConditions.stalenessOf(before));
  }

  private static WebElement find(String css) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  private static String text(String css) {
    return find(css).getText();
  }

  private static void type(String css, String value) {
    WebElement e = find(css);
    e.clear();
    e.sendKeys(value);
  }

  private static List<String> optionTexts(String css) {
    List<String> out = new java.util.ArrayList<>();
    for (WebElement o : new Select(find(css)).getOptions()) out.add(o.getText().trim());
    return out;
  }
}

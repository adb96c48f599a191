package com.ckengine.demo.it;

import com.ckengine.demo.launcher.DemoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The steps the browser tests share, on the running demo's admin (and its storefront's checkout):
 * finding, reading, clicking and typing by CSS selector, logging in, connecting a Kit account
 * through New Integration, the Integrations list's rows, and saving the page when a test fails.
 *
 * <p>Every lookup waits explicitly (up to {@link #PATIENCE}) for what it needs, present or
 * clickable, instead of an implicit wait: the admin loads parts of its pages with script, and the
 * demo shares two cores with the rest of the build, so an element is often there a moment after the
 * page is. {@link #clickAndLoad} waits for the next page itself, so a message of the page before is
 * never read as it goes stale.
 */
final class AdminPage {
  static final Duration PATIENCE = Duration.ofSeconds(60);

  /** How long {@link #waitFor} polls for something that happens in the background (deliveries). */
  private static final long BACKGROUND_PATIENCE_MILLIS = 90_000;

  final ChromeDriver driver;
  final WebDriverWait wait;
  private final DemoServer demo;

  AdminPage(HeadlessChromium browser, DemoServer demo) {
    this.driver = browser.driver;
    this.wait = new WebDriverWait(driver, PATIENCE);
    this.demo = demo;
  }

  /** A test's steps; what the browser shows when one fails is saved for the report. */
  interface Steps {
    void run() throws Exception;
  }

  /**
   * Runs the steps; when they fail, saves the page the browser shows to {@code target/<fileName>}
   * and fails naming its address and where the page was saved.
   */
  void runSavingThePageOnFailure(String fileName, Steps steps) throws Exception {
    try {
      steps.run();
    } catch (Throwable t) {
      Path target = Paths.get("target", fileName);
      Files.write(target, driver.getPageSource().getBytes(StandardCharsets.UTF_8));
      throw new AssertionError(
          "at " + driver.getCurrentUrl() + " (page saved to " + target.toAbsolutePath() + ")", t);
    }
  }

  // ---- the admin ---------------------------------------------------------------------------

  /**
   * Opens a page of the admin, {@code path} relative to its root (e.g. "ckengine-integrations").
   */
  void openAdmin(String path) {
    driver.get(demo.adminUrl() + path);
  }

  /** Logs in afresh (no cookies of an earlier user) and waits for the admin's menu. */
  void logIn(String user, String password) {
    driver.manage().deleteAllCookies();
    openAdmin("login");
    type("#username", user);
    type("#password", password);
    click("input[type=submit]");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sideMenu")));
  }

  void logInAsAdmin() {
    logIn(DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
  }

  /** New Integration: names it {@code label} and saves {@code secret} (see {@link #saveSecret}). */
  void connectNewIntegration(String label, String secret) {
    openAdmin("ckengine-integrations/new");
    type("#ck-label", label);
    saveSecret(secret);
  }

  /**
   * Pastes a secret on New Integration and saves, again (up to three times) if Kit "could not be
   * reached", as the page tells an operator to do. The sandbox closes connections idle for 30 s,
   * and the Kit client does not retry a request on a pooled connection the server closed, so a
   * first call after a pause can fail that way.
   */
  void saveSecret(String secret) {
    for (int attempt = 0; attempt < 3; attempt++) {
      type("#ck-secret", secret);
      clickAndLoad(find("#ck-save"));
      if (!kitWasUnreachable("#ck-secret-error")) return;
    }
  }

  /** Whether the message at {@code css}, if shown, says Kit could not be reached. */
  boolean kitWasUnreachable(String css) {
    List<WebElement> e = driver.findElements(By.cssSelector(css));
    return !e.isEmpty() && e.get(0).getText().contains("could not be reached");
  }

  /** The Integrations list's row of the integration named {@code label}. */
  WebElement integrationRow(String label) {
    find("#ck-integrations");
    for (WebElement r : driver.findElements(By.cssSelector("#ck-integrations .ck-integration"))) {
      if (label.equals(r.getAttribute("data-label"))) return r;
    }
    throw new AssertionError("no integration row '" + label + "' in " + text("#ck-integrations"));
  }

  /**
   * Deletes the integration named {@code label} from the Integrations list, confirming: its rules
   * stay, disabled. Tests that share the demo leave it as they found it this way.
   */
  void deleteIntegration(String label) {
    openAdmin("ckengine-integrations");
    clickAndLoad(integrationRow(label).findElement(By.cssSelector(".ck-delete")));
    clickAndLoad(find("#ck-confirm-delete"));
  }

  /** The Add Tag step's checkbox of {@code tag}, once the step's list of tags is shown. */
  WebElement tagCheckbox(String tag) {
    find("#ck-tag-list label");
    for (WebElement l : driver.findElements(By.cssSelector("#ck-tag-list label"))) {
      if (l.getText().trim().equals(tag)) return l.findElement(By.tagName("input"));
    }
    throw new AssertionError("no tag '" + tag + "' in " + text("#ck-tag-list"));
  }

  /** Opens the Integrations tab of the product page the browser shows. */
  void openProductTab() {
    WebElement tab = null;
    for (WebElement a : driver.findElements(By.cssSelector("dl.tabs dd a"))) {
      if (a.getText().trim().equals("Integrations")) tab = a;
    }
    if (tab == null) throw new AssertionError("no Integrations tab on " + driver.getCurrentUrl());
    tab.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ck-product-rules")));
  }

  // ---- the storefront ----------------------------------------------------------------------

  /** Buys one product on the storefront, as a shopper does; returns the order number. */
  String buyOnStorefront(long product, String email, String firstName) {
    driver.get(demo.storeUrl() + "products/" + product);
    click("button[type=submit]");
    wait.until(ExpectedConditions.urlContains("/cart"));
    driver.get(demo.storeUrl() + "checkout");
    type("input[name=email]", email);
    type("input[name=firstName]", firstName);
    click(".checkout-form button[type=submit]");
    wait.until(ExpectedConditions.urlContains("/confirmation/"));
    String url = driver.getCurrentUrl();
    return url.substring(url.indexOf("/confirmation/") + "/confirmation/".length());
  }

  // ---- elements, by CSS selector -----------------------------------------------------------

  /** The element, once it is in the page. */
  WebElement find(String css) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  /** The element, once it is shown and enabled. */
  WebElement findClickable(String css) {
    return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
  }

  String text(String css) {
    return find(css).getText();
  }

  void click(String css) {
    findClickable(css).click();
  }

  /** Replaces what the field holds with {@code value}. */
  void type(String css, String value) {
    WebElement e = find(css);
    e.clear();
    e.sendKeys(value);
  }

  /** The texts of a select's options, in order. */
  List<String> optionTexts(String css) {
    List<String> out = new ArrayList<>();
    for (WebElement o : new Select(find(css)).getOptions()) out.add(o.getText().trim());
    return out;
  }

  /**
   * Clicks what posts a form or follows a link, and waits for the page it loads: otherwise a
   * message of the page before (a wrong secret's error) could be read as it goes stale.
   */
  void clickAndLoad(WebElement button) {
    WebElement before = driver.findElement(By.tagName("html"));
    wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    wait.until(d -> isGone(before));
  }

  /**
   * Whether {@code element}'s page has gone. Mid-navigation Chromium may answer "does not belong to
   * the document" instead of a stale reference: the old document is gone then too.
   */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return true;
    } catch (org.openqa.selenium.WebDriverException e) {
      String m = e.getMessage();
      if (m != null && m.contains("does not belong to the document")) return true;
      throw e;
    }
  }

  /** Polls (every half second, up to 90 s) until {@code done}; fails naming {@code what}. */
  static void waitFor(String what, BooleanSupplier done) throws InterruptedException {
    long until = System.currentTimeMillis() + BACKGROUND_PATIENCE_MILLIS;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > until) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(500);
    }
  }
}

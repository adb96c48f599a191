package com.ckengine.demo.it;

import com.ckengine.demo.launcher.DemoServer;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every browser test starts from: the running demo, and headless Chromium on it with an {@link
 * AdminPage} for the steps. JUnit runs {@link #openBrowser} before a test class's own
 * {@code @BeforeAll} (which then only prepares its Kit account) and closes the browser after the
 * class. Test classes run one after another in the demo's JVM, so these fields are one class's.
 */
abstract class BrowserTestBase {
  static DemoServer demo;
  static HeadlessChromium browser;
  static AdminPage page;
  static ChromeDriver driver;

  @BeforeAll
  static void openBrowser() throws Exception {
    demo = RunningDemo.get();
    browser = new HeadlessChromium(screenshots());
    page = new AdminPage(browser, demo);
    driver = page.driver;
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) browser.close();
    browser = null;
  }

  /** docs/screenshots of the project, or where -Dckdemo.screenshots says. */
  static Path screenshots() {
    String dir = System.getProperty("ckdemo.screenshots");
    return dir != null
        ? Paths.get(dir)
        : Paths.get(System.getProperty("user.dir")).resolveSibling("docs").resolve("screenshots");
  }
}

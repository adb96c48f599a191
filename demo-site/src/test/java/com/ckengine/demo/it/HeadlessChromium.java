package com.ckengine.demo.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named explicitly so
 * Selenium never looks for (or downloads) a driver. Each browser gets a fresh profile folder.
 * Missing packages fail the test with the command that installs them: a browser test never skips.
 */
final class HeadlessChromium implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;
  private final Path screenshots;

  HeadlessChromium(Path screenshots) throws IOException {
    for (String f : new String[] {CHROMIUM, CHROMEDRIVER}) {
      if (!new File(f).canExecute()) {
        throw new AssertionError(
            f + " is missing: apt-get install -y chromium chromium-driver (./test does this)");
      }
    }
    this.screenshots = screenshots;
    this.profile = Files.createTempDirectory("ck-chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
  }

  /** Saves what the browser shows as {@code <name>.png} in the screenshots folder. */
  void screenshot(String name) throws IOException {
    Files.createDirectories(screenshots);
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteQuietly(profile.toFile());
    }
  }

  private static void deleteQuietly(File f) {
    File[] children = f.listFiles();
    if (children != null) for (File c : children) deleteQuietly(c);
    f.delete();
  }
}

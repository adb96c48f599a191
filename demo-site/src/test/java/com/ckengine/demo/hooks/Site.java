package com.ckengine.demo.hooks;

import static org.junit.jupiter.api.Assertions.fail;

import com.ckengine.demo.launcher.DemoServer;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import javax.servlet.ServletContext;

/**
 * The tests' view of the running store's engine, through {@link SiteProbe} loaded in the
 * storefront's own class loader. Log entries come back as {@code
 * TRIGGER|ACTION|STATUS|tags|test-or-real|reference|eventId|note|message}.
 */
public final class Site {
  private final DemoServer demo;
  private final BiFunction<ServletContext, List<String>, List<String>> probe;

  @SuppressWarnings("unchecked")
  public Site(DemoServer demo) throws Exception {
    this.demo = demo;
    // The storefront's war does not hold the tests' classes: the probe is loaded by a child of its
    // class loader, so it sees the store's classes and the store sees nothing of the tests.
    URL tests = SiteProbe.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader probeLoader = new URLClassLoader(new URL[] {tests}, demo.siteClassLoader());
    this.probe =
        (BiFunction<ServletContext, List<String>, List<String>>)
            probeLoader.loadClass(SiteProbe.class.getName()).getDeclaredConstructor().newInstance();
  }

  public List<String> call(String... command) {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(demo.siteClassLoader());
    try {
      return probe.apply(demo.siteServletContext(), Arrays.asList(command));
    } finally {
      t.setContextClassLoader(before);
    }
  }

  public long connect(String label, String secret) {
    return Long.parseLong(call("connect", label, secret).get(0));
  }

  public void rule(long integration, String trigger, String action, Long product, String... tags) {
    List<String> c =
        new ArrayList<>(
            List.of(
                "rule",
                String.valueOf(integration),
                trigger,
                action,
                product == null ? "" : product.toString()));
    c.addAll(Arrays.asList(tags));
    call(c.toArray(new String[0]));
  }

  /** The log entries of one reference (and trigger, when given), newest first. */
  public List<String> log(String reference, String trigger) {
    return call("log", reference == null ? "" : reference, trigger == null ? "" : trigger);
  }

  public List<String> logByEmail(String email, String trigger) {
    return call("log", "", trigger == null ? "" : trigger, email);
  }

  /** Runs the order sweep once now: "examined,published,stoppedByFailure,passed". */
  public String sweep() {
    return call("sweep").get(0);
  }

  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) fail("timed out after " + timeout + " waiting for " + what);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}

package com.ckengine.demo.bench;

import com.ckengine.demo.hooks.Site;
import com.ckengine.demo.it.WebClient;
import com.ckengine.demo.launcher.DemoOptions;
import com.ckengine.demo.launcher.DemoServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkout request time with the plugin's hooks and ten rules against without them, in one store
 * and one run: the same orders (course + order bump, email, test payment) are placed alternately
 * with the storefront hooks switched on and off (off: the order listener returns at once, as if the
 * plugin were not there; the engine stays up, so background delivery is the same noise for both).
 * Only the POST /checkout request is timed. Figures: docs/benchmarks.md.
 */
public final class CheckoutBenchmark {
  private static long pauseMillis;

  public static void main(String[] args) throws Exception {
    int orders = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    // Pause before each timed request so the previous order's background work (publish, delivery)
    // is not competing for the CPU: the request path is what is measured. 0 = back to back.
    pauseMillis = args.length > 2 ? Long.parseLong(args[2]) : 1200;
    Path data = Files.createTempDirectory("ckdemo-checkout-bench");
    try (DemoServer demo =
        DemoServer.start(
            DemoOptions.builder().port(0).kitPort(0).dataDir(data.toFile()).reset(true).build())) {
      Site site = new Site(demo);
      long integration = site.connect("Checkout benchmark", demo.kitSandboxSecret());
      site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", null, "customer");
      site.rule(integration, "PRODUCT_PURCHASED", "ADD_PURCHASE", null);
      site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", 101L, "bought-course");
      site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", 105L, "bought-bump");
      site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", 102L, "bought-ebook");
      site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", 106L, "bought-replay");
      site.rule(integration, "PRODUCT_REFUNDED", "ADD_TAG", null, "refunded");
      site.rule(integration, "PRODUCT_REFUNDED", "REMOVE_TAG", 101L, "bought-course");
      site.rule(integration, "PRODUCT_PARTIALLY_REFUNDED", "ADD_TAG", null, "partially-refunded");
      site.rule(integration, "PROSPECT_CREATED", "ADD_TAG", null, "abandoned-cart");

      double[] on = new double[orders];
      double[] off = new double[orders];
      for (int i = -warmup; i < orders; i++) {
        // Alternate which mode goes first, so drift in the machine's load hits both alike.
        boolean onFirst = (i & 1) == 0;
        double a = checkout(demo, site, onFirst, i);
        double b = checkout(demo, site, !onFirst, i);
        if (i >= 0) {
          on[i] = onFirst ? a : b;
          off[i] = onFirst ? b : a;
        }
      }
      site.call("hooksEnabled", "true");
      double medOn = pct(on, 50);
      double medOff = pct(off, 50);
      System.out.printf(
          "checkout request, plugin + ten rules: median %.2f ms, mean %.2f ms, p95 %.2f ms%n",
          medOn, mean(on), pct(on, 95));
      System.out.printf(
          "checkout request, hooks off:          median %.2f ms, mean %.2f ms, p95 %.2f ms%n",
          medOff, mean(off), pct(off, 95));
      System.out.printf(
          "ratio (median) %.3f, ratio (mean) %.3f, %d orders each, pause %d ms, cores %d%n",
          medOn / medOff,
          mean(on) / mean(off),
          orders,
          pauseMillis,
          Runtime.getRuntime().availableProcessors());
    }
  }

  private static double checkout(DemoServer demo, Site site, boolean hooks, int i)
      throws Exception {
    site.call("hooksEnabled", String.valueOf(hooks));
    WebClient browser = new WebClient(demo.storeUrl());
    browser.get("/");
    browser.post("/cart/add", Map.of("productId", "101", "quantity", "1"));
    browser.get("/checkout");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("email", "bench" + i + (hooks ? "on" : "off") + "@example.com");
    form.put("firstName", "Bea");
    form.put("addOrderBump", "true");
    form.put("_addOrderBump", "on");
    form.put("csrfToken", browser.csrfToken());
    if (pauseMillis > 0) Thread.sleep(pauseMillis);
    long t0 = System.nanoTime();
    HttpResponse<String> placed = browser.post("/checkout", form);
    double ms = (System.nanoTime() - t0) / 1e6;
    if (placed.statusCode() != 302) {
      throw new IllegalStateException("checkout failed: " + placed.statusCode());
    }
    return ms;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(0);
  }

  private static double pct(double[] v, int p) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }
}

package com.ckengine.kit.bench;

import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitOutcome;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.TagSubscriberRequest;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How close the paced client gets to Kit's limit without a 429, and what the client costs when
 * nothing paces it. Both against the sandbox over real HTTP on localhost, tagging subscribers (two
 * tags per call), from 8 threads.
 *
 * <p>Run with {@code mvn -q -o -pl plugin-core -am test -Dtest=KitClientBench
 * -Dsurefire.failIfNoSpecifiedTests=false} (see docs/kit-client.md); settings as system properties:
 * {@code bench.limit} (120), {@code bench.windowSeconds} (6), {@code bench.windows} (4), {@code
 * bench.threads} (8), {@code bench.unlimitedSeconds} (10).
 */
@Tag("bench")
public class KitClientBench {

  @Test
  void run() throws Exception {
    main(new String[0]);
  }

  public static void main(String[] args) throws Exception {
    int limit = Integer.getInteger("bench.limit", 120);
    int windowSeconds = Integer.getInteger("bench.windowSeconds", 6);
    int windows = Integer.getInteger("bench.windows", 4);
    int threads = Integer.getInteger("bench.threads", 8);
    int unlimitedSeconds = Integer.getInteger("bench.unlimitedSeconds", 10);
    System.out.printf(
        Locale.ROOT,
        "KitClientBench: %d cores, Java %s, %d threads%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        threads);

    paced(limit, Duration.ofSeconds(windowSeconds), windows, threads);
    unlimited(Duration.ofSeconds(unlimitedSeconds), threads);
  }

  /** Sandbox and client both at {@code limit} per {@code window}; callers never stop asking. */
  static void paced(int limit, Duration window, int windows, int threads) throws Exception {
    try (KitSandbox sandbox = KitSandbox.builder().rateLimit(limit, window).build().start()) {
      Fixture f = new Fixture(sandbox);
      KitClient client =
          KitClient.builder()
              .baseUrl(sandbox.baseUrl())
              .rateLimit(limit, window)
              .maxRateLimitWait(window.multipliedBy(2))
              .build();
      Duration length = window.multipliedBy(windows);
      Run run = Run.of(client, f, threads, length);
      double share = 100.0 * run.completedInTime / ((double) limit * windows);
      System.out.printf(
          Locale.ROOT,
          "paced %d per %d s, %d windows: %d calls done in %.1f s (%.1f/s), %.1f %% of the limit "
              + "used, 429s from the sandbox: %d, outcomes %s%n",
          limit,
          window.getSeconds(),
          windows,
          run.completedInTime,
          length.toMillis() / 1000.0,
          run.completedInTime / (length.toMillis() / 1000.0),
          share,
          sandbox.rateLimitedCount(),
          run.outcomes);
    }
  }

  /** No limit anywhere: the client's own cost, sandbox included, on this machine. */
  static void unlimited(Duration length, int threads) throws Exception {
    try (KitSandbox sandbox = KitSandbox.builder().noRateLimit().build().start()) {
      Fixture f = new Fixture(sandbox);
      KitClient client = KitClient.builder().baseUrl(sandbox.baseUrl()).noRateLimit().build();
      Run.of(client, f, threads, Duration.ofSeconds(2)); // warm-up
      for (int t : new int[] {1, threads}) {
        Run run = Run.of(client, f, t, length);
        long[] lat = run.latencies();
        System.out.printf(
            Locale.ROOT,
            "unlimited, %d thread(s): %d calls in %.1f s = %.0f req/s, latency p50 %.2f ms, "
                + "p99 %.2f ms, outcomes %s%n",
            t,
            run.completedInTime,
            length.toMillis() / 1000.0,
            run.completedInTime / (length.toMillis() / 1000.0),
            lat[lat.length / 2] / 1e6,
            lat[(int) (lat.length * 0.99)] / 1e6,
            run.outcomes);
      }
    }
  }

  static final class Fixture {
    final KitCredential secret;
    final long tagA;
    final long tagB;

    Fixture(KitSandbox sandbox) {
      String s = sandbox.createAccount("Bench", "bench@example.com");
      secret = KitCredential.v3Secret(s);
      tagA = sandbox.createTag(s, "Customer");
      tagB = sandbox.createTag(s, "Newsletter");
    }
  }

  static final class Run {
    int completedInTime;
    final Map<KitOutcome, Integer> outcomes = new EnumMap<KitOutcome, Integer>(KitOutcome.class);
    final List<long[]> latencyLists = new ArrayList<long[]>();

    /** Each thread calls without pause until {@code length} has passed since the start. */
    static Run of(KitClient client, Fixture f, int threads, Duration length) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<long[]>> futures = new ArrayList<Future<long[]>>();
      final long[] start = new long[1];
      final long end[] = new long[1];
      Run run = new Run();
      for (int t = 0; t < threads; t++) {
        final int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  long[] lat = new long[1 << 20];
                  int n = 0;
                  for (int i = 0; System.nanoTime() < end[0]; i++) {
                    long before = System.nanoTime();
                    KitResult<?> r =
                        client.tagSubscriber(
                            f.secret,
                            TagSubscriberRequest.builder()
                                .email("s" + thread + "-" + (i % 500) + "@example.com")
                                .firstName("Bench")
                                .addTagId(f.tagA)
                                .addTagId(f.tagB)
                                .build());
                    long after = System.nanoTime();
                    synchronized (run) {
                      run.outcomes.merge(r.outcome(), 1, Integer::sum);
                      if (r.isSuccess() && after <= end[0]) run.completedInTime++;
                    }
                    if (n < lat.length) lat[n++] = after - before;
                  }
                  return Arrays.copyOf(lat, n);
                }));
      }
      start[0] = System.nanoTime();
      end[0] = start[0] + length.toNanos();
      go.countDown();
      for (Future<long[]> future : futures) run.latencyLists.add(future.get(10, TimeUnit.MINUTES));
      pool.shutdown();
      return run;
    }

    long[] latencies() {
      int size = 0;
      for (long[] l : latencyLists) size += l.length;
      long[] all = new long[size];
      int at = 0;
      for (long[] l : latencyLists) {
        System.arraycopy(l, 0, all, at, l.length);
        at += l.length;
      }
      Arrays.sort(all);
      return all;
    }
  }
}

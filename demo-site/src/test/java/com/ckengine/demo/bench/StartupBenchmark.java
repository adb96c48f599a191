package com.ckengine.demo.bench;

import com.ckengine.demo.launcher.DemoOptions;
import com.ckengine.demo.launcher.DemoServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the demo's cold start (JVM up to both Broadleaf contexts serving, schema created and seed
 * data loaded on a fresh embedded database) and the heap in use after a full GC. Run by {@code
 * scripts/bench-startup}; the figures are recorded in docs/benchmarks.md.
 */
public final class StartupBenchmark {
  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    Path data = Files.createTempDirectory("ckdemo-bench");
    long t0 = System.nanoTime();
    try (DemoServer demo =
        DemoServer.start(
            DemoOptions.builder().port(0).kitPort(0).dataDir(data.toFile()).reset(true).build())) {
      long startMs = (System.nanoTime() - t0) / 1_000_000;
      long sinceJvmMs = System.currentTimeMillis() - jvmStart;
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(200);
      }
      long heapMiB = memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
      System.out.printf(
          "cold start (server start to both contexts serving): %.1f s%n", startMs / 1000.0);
      System.out.printf(
          "cold start (JVM start to both contexts serving):    %.1f s%n", sinceJvmMs / 1000.0);
      System.out.printf("heap used after GC:                                 %d MiB%n", heapMiB);
      System.out.println(
          "cores: "
              + Runtime.getRuntime().availableProcessors()
              + ", max heap: "
              + Runtime.getRuntime().maxMemory() / (1024 * 1024)
              + " MiB");
    }
  }
}

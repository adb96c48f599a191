package com.ckengine.engine;

import com.ckengine.kit.KitClient;
import java.time.Duration;
import javax.persistence.EntityManagerFactory;

/**
 * A delivery node in a process of its own, for the crash test: connects to a shared database and
 * the sandbox, delivers until the process is killed. Args: jdbcUrl sandboxBaseUrl secretKey nodeId.
 */
public final class DeliveryNodeMain {
  private DeliveryNodeMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    EntityManagerFactory emf =
        url.startsWith("jdbc:postgresql:")
            ? TestDatabases.postgres(url, "none")
            : TestDatabases.hsqldb(url, "none");
    IntegrationEngine engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().baseUrl(args[1]).build())
            .secretKey(args[2])
            .nodeId(args[3])
            .pollInterval(Duration.ofMillis(100))
            .leaseDuration(Duration.ofSeconds(2))
            .kitCallBudget(Duration.ofMillis(500))
            .rateWindow(Duration.ZERO)
            .retryBaseDelay(Duration.ofMillis(200))
            .build();
    engine.start();
    System.out.println("STARTED " + args[3]);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}

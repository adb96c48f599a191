package com.ckengine.broadleaf;

import com.ckengine.api.DeliveryGuard;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.kit.KitClient;
import java.time.Duration;
import javax.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartFactoryBean;

/**
 * Builds the {@link IntegrationEngine} on the host's persistence unit ({@code blPU}, where
 * Broadleaf merged the engine's entities) and starts its background delivery when {@code
 * ckengine.delivery.enabled} is true. Closing the Spring context stops delivery; claimed actions
 * are taken over by any node once their claims expire.
 */
public class IntegrationEngineFactoryBean
    implements SmartFactoryBean<IntegrationEngine>, DisposableBean {
  private static final Log LOG = LogFactory.getLog(IntegrationEngineFactoryBean.class);

  private EntityManagerFactory entityManagerFactory;
  private KitClient kitClient;
  private String secretKey;
  private boolean deliveryEnabled = true;
  private int workerThreads = 2;
  private long pollIntervalMillis = 1000;
  private long retryHorizonHours = 72;
  private long prospectDelayMinutes = 120;
  private long prospectDelaySeconds;
  private int retentionEvents = 10000;
  private String nodeId;
  private DeliveryGuard deliveryGuard = DeliveryGuard.NONE;
  private IntegrationEngine engine;

  public void setEntityManagerFactory(EntityManagerFactory emf) {
    this.entityManagerFactory = emf;
  }

  public void setKitClient(KitClient kitClient) {
    this.kitClient = kitClient;
  }

  /** Base64 of the 256-bit key that encrypts API secrets at rest ({@code ckengine.secretKey}). */
  public void setSecretKey(String secretKey) {
    this.secretKey = secretKey;
  }

  public void setDeliveryEnabled(boolean enabled) {
    this.deliveryEnabled = enabled;
  }

  public void setWorkerThreads(int n) {
    this.workerThreads = n;
  }

  public void setPollIntervalMillis(long ms) {
    this.pollIntervalMillis = ms;
  }

  public void setRetryHorizonHours(long h) {
    this.retryHorizonHours = h;
  }

  public void setProspectDelayMinutes(long m) {
    this.prospectDelayMinutes = m;
  }

  /**
   * When above 0, the prospect delay in seconds, instead of {@link #setProspectDelayMinutes}
   * ({@code ckengine.prospect.delaySeconds}; for tests and demonstrations).
   */
  public void setProspectDelaySeconds(long s) {
    this.prospectDelaySeconds = s;
  }

  public void setRetentionEvents(int n) {
    this.retentionEvents = n;
  }

  /** This node's name in delivery leases; blank for host name + process id. */
  public void setNodeId(String nodeId) {
    this.nodeId = nodeId == null || nodeId.trim().isEmpty() ? null : nodeId.trim();
  }

  /** The host's check of delayed actions (the storefront's prospect guard); default none. */
  public void setDeliveryGuard(DeliveryGuard guard) {
    this.deliveryGuard = guard == null ? DeliveryGuard.NONE : guard;
  }

  @Override
  public synchronized IntegrationEngine getObject() {
    if (engine == null) {
      if (secretKey == null || secretKey.trim().isEmpty()) {
        throw new IllegalStateException(
            "ckengine.secretKey is not set: the ConvertKit integration engine needs a "
                + "base64 256-bit key to encrypt API secrets at rest (see docs/engine.md, 'Encryption key')");
      }
      IntegrationEngine.Builder b =
          IntegrationEngine.builder()
              .entityManagerFactory(entityManagerFactory)
              .kitClient(kitClient)
              .secretKey(secretKey.trim())
              .workerThreads(workerThreads)
              .pollInterval(Duration.ofMillis(pollIntervalMillis))
              .retryHorizon(Duration.ofHours(retryHorizonHours))
              .prospectDelay(
                  prospectDelaySeconds > 0
                      ? Duration.ofSeconds(prospectDelaySeconds)
                      : Duration.ofMinutes(prospectDelayMinutes))
              .retentionEvents(retentionEvents)
              .deliveryGuard(deliveryGuard);
      if (nodeId != null) {
        b.nodeId(nodeId);
      }
      engine = b.build();
      if (deliveryEnabled) {
        engine.start();
        LOG.info("ConvertKit delivery started on node " + engine.nodeId());
      } else {
        LOG.info("ConvertKit delivery is off on this node (ckengine.delivery.enabled=false)");
      }
    }
    return engine;
  }

  @Override
  public Class<?> getObjectType() {
    return IntegrationEngine.class;
  }

  @Override
  public boolean isSingleton() {
    return true;
  }

  @Override
  public boolean isPrototype() {
    return false;
  }

  /**
   * Built with the context, not on first use: delivery must run even before anyone asks for the
   * engine.
   */
  @Override
  public boolean isEagerInit() {
    return true;
  }

  @Override
  public synchronized void destroy() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }
}

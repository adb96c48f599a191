package com.ckengine.broadleaf;

import com.ckengine.api.DeliveryGuard;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.SecretCipher;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.OAuthApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartFactoryBean;

/**
 * Builds the {@link IntegrationEngine} on the host's persistence unit ({@code blPU}, where
 * Broadleaf merged the engine's entities) and starts its background delivery when {@code
 * ckengine.delivery.enabled} is true. Closing the Spring context stops delivery; claimed actions
 * are taken over by any node once their leases run out.
 *
 * <p>Holds no defaults of its own: a property left blank (null) keeps the engine's default, which
 * lives in {@link IntegrationEngine.Builder} only.
 */
public class IntegrationEngineFactoryBean
    implements SmartFactoryBean<IntegrationEngine>, DisposableBean {
  private static final Log LOG = LogFactory.getLog(IntegrationEngineFactoryBean.class);

  private EntityManagerFactory entityManagerFactory;
  private KitClient kitClient;
  private String oauthClientId;
  private String oauthClientSecret;
  private String oauthRedirectUri;
  private String secretKey;
  private List<String> previousSecretKeys = new ArrayList<String>();
  private boolean deliveryEnabled = true;
  private Integer workerThreads;
  private Integer callsInFlight;
  private Long pollIntervalMillis;
  private Long retryHorizonHours;
  private Long prospectDelayMinutes;
  private Long prospectDelaySeconds;
  private Long retentionDays;
  private Long sweepLookbackHours;
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

  /**
   * Keys that encrypted secrets before the current one, comma-separated ({@code
   * ckengine.previousSecretKeys}); read, never written (key rotation).
   */
  public void setPreviousSecretKeys(String keys) {
    this.previousSecretKeys = new ArrayList<String>();
    if (keys == null) return;
    for (String k : keys.split(",")) if (!k.trim().isEmpty()) previousSecretKeys.add(k.trim());
  }

  public void setDeliveryEnabled(boolean enabled) {
    this.deliveryEnabled = enabled;
  }

  public void setWorkerThreads(Integer n) {
    this.workerThreads = n;
  }

  public void setCallsInFlight(Integer n) {
    this.callsInFlight = n;
  }

  public void setPollIntervalMillis(Long ms) {
    this.pollIntervalMillis = ms;
  }

  public void setRetryHorizonHours(Long h) {
    this.retryHorizonHours = h;
  }

  public void setProspectDelayMinutes(Long m) {
    this.prospectDelayMinutes = m;
  }

  /** Overrides the minutes when set and positive (tests and demos want seconds). */
  public void setProspectDelaySeconds(Long s) {
    this.prospectDelaySeconds = s;
  }

  /** How long the log keeps events ({@code ckengine.log.retentionDays}). */
  public void setRetentionDays(Long days) {
    this.retentionDays = days;
  }

  /**
   * The sweeps' look-back ({@code ckengine.sweeps.lookbackHours}, the setting the order and refund
   * sweeps read too): retention never purges what they can still see.
   */
  public void setSweepLookbackHours(Long hours) {
    this.sweepLookbackHours = hours;
  }

  /** This node's name in delivery leases; blank for host name + process id. */
  public void setNodeId(String nodeId) {
    this.nodeId = nodeId == null || nodeId.trim().isEmpty() ? null : nodeId.trim();
  }

  /** The store's Kit app for "Connect with Kit" (ckengine.kit.oauth.clientId); blank: none. */
  public void setOauthClientId(String clientId) {
    this.oauthClientId = blankToNull(clientId);
  }

  /** Its client secret (ckengine.kit.oauth.clientSecret); blank for a PKCE-only app. */
  public void setOauthClientSecret(String clientSecret) {
    this.oauthClientSecret = blankToNull(clientSecret);
  }

  /** Where Kit sends the operator back (ckengine.kit.oauth.redirectUri); blank: the admin's own. */
  public void setOauthRedirectUri(String redirectUri) {
    this.oauthRedirectUri = blankToNull(redirectUri);
  }

  private static String blankToNull(String s) {
    return s == null || s.trim().isEmpty() ? null : s.trim();
  }

  /** The store's past orders, for the admin's Past Orders (Broadleaf's: BroadleafPastOrders). */
  public void setPastOrderSource(com.ckengine.api.past.PastOrderSource source) {
    this.pastOrderSource = source;
  }

  private com.ckengine.api.past.PastOrderSource pastOrderSource;

  /** The host's check of delayed actions (the storefront's prospect guard); default none. */
  public void setDeliveryGuard(DeliveryGuard guard) {
    this.deliveryGuard = guard == null ? DeliveryGuard.NONE : guard;
  }

  @Override
  public synchronized IntegrationEngine getObject() {
    if (engine == null) {
      // Fails fast with the one documented SecretKeyException when the key is missing or malformed.
      SecretCipher.fromBase64Key(secretKey).withPreviousKeys(previousSecretKeys);
      IntegrationEngine.Builder b =
          IntegrationEngine.builder()
              .entityManagerFactory(entityManagerFactory)
              .kitClient(kitClient)
              .secretKey(secretKey.trim())
              .previousSecretKeys(previousSecretKeys)
              .deliveryGuard(deliveryGuard)
              .pastOrderSource(pastOrderSource);
      if (workerThreads != null) b.workerThreads(workerThreads);
      if (callsInFlight != null) b.callsInFlight(callsInFlight);
      if (pollIntervalMillis != null) b.pollInterval(Duration.ofMillis(pollIntervalMillis));
      if (retryHorizonHours != null) b.retryHorizon(Duration.ofHours(retryHorizonHours));
      if (prospectDelaySeconds != null && prospectDelaySeconds > 0) {
        b.prospectDelay(Duration.ofSeconds(prospectDelaySeconds));
      } else if (prospectDelayMinutes != null) {
        b.prospectDelay(Duration.ofMinutes(prospectDelayMinutes));
      }
      if (retentionDays != null) b.retentionAge(Duration.ofDays(retentionDays));
      if (sweepLookbackHours != null) b.sweepLookback(Duration.ofHours(sweepLookbackHours));
      if (nodeId != null) b.nodeId(nodeId);
      if (oauthClientId != null) {
        b.kitOAuth(
            kitClient.oauth(), OAuthApp.of(oauthClientId, oauthClientSecret), oauthRedirectUri);
      }
      engine = b.build();
      if (deliveryEnabled) {
        engine.start();
        LOG.info("ConvertKit delivery started on node " + engine.nodeId());
      } else {
        LOG.info(
            "ConvertKit delivery is off in this web application (the storefront war delivers"
                + " unless ckengine.delivery.enabled=false; the admin war only with"
                + " ckengine.admin.delivery.enabled=true: see docs/install.md, 'What runs where')");
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

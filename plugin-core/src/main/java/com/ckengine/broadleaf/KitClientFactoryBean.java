package com.ckengine.broadleaf;

import com.ckengine.kit.KitClient;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.FactoryBean;

/**
 * Builds the process's one {@link KitClient} from the {@code ckengine.kit.*} properties. One client
 * per process matters: its rate limiter is what keeps this node within Kit's limit per API key.
 */
public class KitClientFactoryBean implements FactoryBean<KitClient> {
  private static final Log LOG = LogFactory.getLog(KitClientFactoryBean.class);

  private String baseUrl;
  private long connectTimeoutSeconds = 10;
  private long readTimeoutSeconds = 20;
  private long callTimeoutSeconds = 30;
  private int rateLimitRequests = 120;
  private long rateLimitWindowSeconds = 60;
  private KitClient client;

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public void setConnectTimeoutSeconds(long s) {
    this.connectTimeoutSeconds = s;
  }

  public void setReadTimeoutSeconds(long s) {
    this.readTimeoutSeconds = s;
  }

  public void setCallTimeoutSeconds(long s) {
    this.callTimeoutSeconds = s;
  }

  public void setRateLimitRequests(int n) {
    this.rateLimitRequests = n;
  }

  public void setRateLimitWindowSeconds(long s) {
    this.rateLimitWindowSeconds = s;
  }

  @Override
  public synchronized KitClient getObject() {
    if (client == null) {
      client =
          KitClient.builder()
              .baseUrl(baseUrl)
              .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
              .readTimeout(Duration.ofSeconds(readTimeoutSeconds))
              .callTimeout(Duration.ofSeconds(callTimeoutSeconds))
              .rateLimit(rateLimitRequests, Duration.ofSeconds(rateLimitWindowSeconds))
              .build();
      // Where this node's calls go (the real Kit or a sandbox) and how fast: never a secret.
      LOG.info(
          "ConvertKit client for "
              + (baseUrl == null || baseUrl.trim().isEmpty() ? "the default Kit API" : baseUrl)
              + ", at most "
              + rateLimitRequests
              + " requests per "
              + rateLimitWindowSeconds
              + " s per API secret");
    }
    return client;
  }

  @Override
  public Class<?> getObjectType() {
    return KitClient.class;
  }

  @Override
  public boolean isSingleton() {
    return true;
  }
}

package com.ckengine.broadleaf;

import com.ckengine.kit.CredentialKind;
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

  // No defaults here: a blank property keeps the client's default (KitClient.Builder, only there).
  private String baseUrl;
  private String v4BaseUrl;
  private Integer oauthRateLimitRequests;
  private Long connectTimeoutSeconds;
  private Long readTimeoutSeconds;
  private Long callTimeoutSeconds;
  private Long connectionKeepAliveSeconds;
  private Integer rateLimitRequests;
  private Long rateLimitWindowSeconds;
  private Integer operatorShare;
  private KitClient client;

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Kit's v4 base URL ({@code ckengine.kit.v4BaseUrl}); blank keeps https://api.kit.com/v4/. */
  public void setV4BaseUrl(String v4BaseUrl) {
    this.v4BaseUrl = v4BaseUrl;
  }

  /**
   * Requests per window per OAuth token ({@code ckengine.kit.rateLimit.oauthRequests}); blank keeps
   * Kit's 600. The window is the one of {@link #setRateLimitWindowSeconds}.
   */
  public void setOauthRateLimitRequests(Integer n) {
    this.oauthRateLimitRequests = n;
  }

  public void setConnectTimeoutSeconds(Long s) {
    this.connectTimeoutSeconds = s;
  }

  public void setReadTimeoutSeconds(Long s) {
    this.readTimeoutSeconds = s;
  }

  public void setCallTimeoutSeconds(Long s) {
    this.callTimeoutSeconds = s;
  }

  public void setConnectionKeepAliveSeconds(Long s) {
    this.connectionKeepAliveSeconds = s;
  }

  public void setRateLimitRequests(Integer n) {
    this.rateLimitRequests = n;
  }

  public void setRateLimitWindowSeconds(Long s) {
    this.rateLimitWindowSeconds = s;
  }

  public void setOperatorShare(Integer n) {
    this.operatorShare = n;
  }

  @Override
  public synchronized KitClient getObject() {
    if (client == null) {
      KitClient.Builder b = KitClient.builder();
      if (baseUrl != null && !baseUrl.trim().isEmpty()) b.baseUrl(baseUrl.trim());
      if (connectTimeoutSeconds != null)
        b.connectTimeout(Duration.ofSeconds(connectTimeoutSeconds));
      if (readTimeoutSeconds != null) b.readTimeout(Duration.ofSeconds(readTimeoutSeconds));
      if (callTimeoutSeconds != null) b.callTimeout(Duration.ofSeconds(callTimeoutSeconds));
      if (connectionKeepAliveSeconds != null)
        b.connectionKeepAlive(Duration.ofSeconds(connectionKeepAliveSeconds));
      if (v4BaseUrl != null && !v4BaseUrl.trim().isEmpty()) b.v4BaseUrl(v4BaseUrl.trim());
      Duration window =
          rateLimitWindowSeconds != null
              ? Duration.ofSeconds(rateLimitWindowSeconds)
              : b.rateLimitWindow();
      if (rateLimitRequests != null || rateLimitWindowSeconds != null) {
        // The key budget: a v3 API Secret and a v4 API key (Kit gives both 120 per 60 s).
        int requests = rateLimitRequests != null ? rateLimitRequests : b.rateLimitRequests();
        b.rateLimit(CredentialKind.V3_API_SECRET, requests, window);
        b.rateLimit(CredentialKind.V4_API_KEY, requests, window);
      }
      if (oauthRateLimitRequests != null || rateLimitWindowSeconds != null) {
        b.rateLimit(
            CredentialKind.V4_OAUTH_TOKEN,
            oauthRateLimitRequests != null
                ? oauthRateLimitRequests
                : b.rateLimitRequests(CredentialKind.V4_OAUTH_TOKEN),
            window);
      }
      if (operatorShare != null) b.operatorShare(operatorShare);
      client = b.build();
      // Where this node's calls go (the real Kit or a sandbox) and how fast: never a secret.
      LOG.info(
          "ConvertKit client for "
              + (baseUrl == null || baseUrl.trim().isEmpty() ? "the default Kit API" : baseUrl)
              + ", at most "
              + b.rateLimitRequests()
              + " requests per "
              + b.rateLimitWindow().getSeconds()
              + " s per API secret or key ("
              + b.rateLimitRequests(CredentialKind.V4_OAUTH_TOKEN)
              + " per OAuth token), "
              + b.effectiveOperatorShare()
              + " of them kept for the admin's Verify and Refresh; v4 calls to "
              + (v4BaseUrl == null || v4BaseUrl.trim().isEmpty()
                  ? "the default Kit v4 API"
                  : v4BaseUrl.trim()));
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

package com.ckengine.engine.store;

import com.ckengine.engine.IntegrationStatus;
import com.ckengine.kit.CredentialKind;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.TableGenerator;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;
import javax.persistence.Version;

/** A connected Kit account ({@code CK_INTEGRATION}); the secret is stored encrypted only. */
@Entity
@Table(name = "CK_INTEGRATION")
public class IntegrationEntity {
  /** The only provider so far; stored so other providers can be added without a migration. */
  public static final String PROVIDER_CONVERTKIT = "CONVERTKIT";

  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "CkIntegrationId")
  @TableGenerator(
      name = "CkIntegrationId",
      table = "CK_ID_GEN",
      pkColumnName = "ID_NAME",
      valueColumnName = "ID_VALUE",
      pkColumnValue = "CK_INTEGRATION",
      allocationSize = 10)
  @Column(name = "ID")
  private Long id;

  @Column(name = "PROVIDER", nullable = false, length = 40)
  private String provider = PROVIDER_CONVERTKIT;

  @Column(name = "LABEL", nullable = false, unique = true, length = 100)
  private String label;

  @Column(name = "SECRET_CIPHERTEXT", nullable = false, length = 1000)
  private String secretCiphertext;

  @Column(name = "ACCOUNT_NAME", length = 255)
  private String accountName;

  /**
   * Which Kit account the secret opens (its primary email, lower case). Unique: one Kit account is
   * connected once, so its 120 requests per minute are one budget, spent by one lease holder.
   */
  @Column(name = "ACCOUNT_KEY", unique = true, length = 254)
  private String accountKey;

  /**
   * Goes up each time the secret is replaced, so the answer to a call made with an older secret (a
   * late 401) cannot mark the new one as refused.
   */
  @Column(name = "SECRET_VERSION", nullable = false)
  private int secretVersion;

  @Column(name = "PRIMARY_EMAIL", length = 254)
  private String primaryEmail;

  /** What SECRET_CIPHERTEXT holds: a v3 API Secret, a v4 API key or a v4 OAuth access token. */
  @Enumerated(EnumType.STRING)
  @Column(name = "CREDENTIAL_KIND", nullable = false, length = 20)
  private CredentialKind credentialKind = CredentialKind.V3_API_SECRET;

  /** An OAuth integration's refresh token, encrypted as the secret is; null for the other kinds. */
  @Column(name = "REFRESH_CIPHERTEXT", length = 1000)
  private String refreshCiphertext;

  /** When an OAuth access token expires, UTC epoch milliseconds; null when not OAuth or unknown. */
  @Column(name = "TOKEN_EXPIRES_AT")
  private Long tokenExpiresAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATUS", nullable = false, length = 20)
  private IntegrationStatus status = IntegrationStatus.CONNECTED;

  @Column(name = "STATUS_MESSAGE", length = 500)
  private String statusMessage;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "TAGS_FETCHED_AT")
  private Date tagsFetchedAt;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "CREATED_AT", nullable = false)
  private Date createdAt;

  @Version
  @Column(name = "VERSION", nullable = false)
  private int version;

  public Long getId() {
    return id;
  }

  public CredentialKind getCredentialKind() {
    return credentialKind;
  }

  public void setCredentialKind(CredentialKind credentialKind) {
    this.credentialKind = credentialKind;
  }

  public String getRefreshCiphertext() {
    return refreshCiphertext;
  }

  public void setRefreshCiphertext(String refreshCiphertext) {
    this.refreshCiphertext = refreshCiphertext;
  }

  public Long getTokenExpiresAt() {
    return tokenExpiresAt;
  }

  public void setTokenExpiresAt(Long tokenExpiresAt) {
    this.tokenExpiresAt = tokenExpiresAt;
  }

  public String getAccountKey() {
    return accountKey;
  }

  public void setAccountKey(String accountKey) {
    this.accountKey = accountKey;
  }

  public int getSecretVersion() {
    return secretVersion;
  }

  public void setSecretVersion(int secretVersion) {
    this.secretVersion = secretVersion;
  }

  public String getProvider() {
    return provider;
  }

  public String getLabel() {
    return label;
  }

  public void setLabel(String label) {
    this.label = label;
  }

  public String getSecretCiphertext() {
    return secretCiphertext;
  }

  public void setSecretCiphertext(String c) {
    this.secretCiphertext = c;
  }

  public String getAccountName() {
    return accountName;
  }

  public void setAccountName(String accountName) {
    this.accountName = accountName;
  }

  public String getPrimaryEmail() {
    return primaryEmail;
  }

  public void setPrimaryEmail(String primaryEmail) {
    this.primaryEmail = primaryEmail;
  }

  public IntegrationStatus getStatus() {
    return status;
  }

  public void setStatus(IntegrationStatus status) {
    this.status = status;
  }

  public String getStatusMessage() {
    return statusMessage;
  }

  public void setStatusMessage(String m) {
    this.statusMessage = Columns.clip(m, 500);
  }

  public Date getTagsFetchedAt() {
    return tagsFetchedAt;
  }

  public void setTagsFetchedAt(Date d) {
    this.tagsFetchedAt = d;
  }

  public Date getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Date createdAt) {
    this.createdAt = createdAt;
  }

  /** Never the secret, not even encrypted. */
  @Override
  public String toString() {
    return "Integration{" + id + ", " + label + ", " + status + "}";
  }
}

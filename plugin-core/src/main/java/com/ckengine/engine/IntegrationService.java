package com.ckengine.engine;

import com.ckengine.api.PlainText;
import com.ckengine.engine.store.CachedTagEntity;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitAccount;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitOutcome;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.KitTag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.persistence.EntityManager;

/**
 * Connects and manages Kit accounts ("integrations") for the admin screens. A secret is always
 * verified with Kit before it is stored, and stored only encrypted. One Kit account is connected
 * once: its rate limit is one budget, and its tag ids and purchase records belong to it.
 */
public final class IntegrationService {
  static final String INTEGRATION_IDS_BY_LABEL =
      "select i.id from IntegrationEntity i where lower(i.label) = :label";

  static final String INTEGRATION_BY_ACCOUNT =
      "select i from IntegrationEntity i where i.accountKey = :account";

  static final String ALL_INTEGRATIONS = "select i from IntegrationEntity i order by i.label";

  static final String CACHED_TAGS =
      "select t from CachedTagEntity t where t.integrationId = :integration order by lower(t.name)";

  static final String DELETE_CACHED_TAGS =
      "delete from CachedTagEntity t where t.integrationId = :integration";

  /** Only while the secret the failing call used is still the stored one. */
  static final String MARK_NEEDS_ATTENTION =
      "update IntegrationEntity i set i.status = :needsAttention, i.statusMessage = :message "
          + "where i.id = :id and i.secretVersion = :secretVersion";

  static final String REENCRYPT_SECRET =
      "update IntegrationEntity i set i.secretCiphertext = :ciphertext "
          + "where i.id = :id and i.secretVersion = :secretVersion";

  private final Jpa jpa;
  private final OperatorCalls kit;
  private final SecretCipher cipher;
  private final Clock clock;
  private final RuleService rules;

  IntegrationService(
      Jpa jpa, OperatorCalls kit, SecretCipher cipher, Clock clock, RuleService rules) {
    this.jpa = jpa;
    this.kit = kit;
    this.cipher = cipher;
    this.clock = clock;
    this.rules = rules;
  }

  /**
   * Verifies {@code apiSecret} with Kit, then stores a new integration with the account's name,
   * primary email and tags.
   *
   * @throws IntegrationException when the label is taken or empty, Kit refuses the secret, or the
   *     Kit account is already connected (the message names that integration)
   */
  public Integration connect(String label, String apiSecret) {
    String l = label(label);
    KitCredential secret = KitCredential.v3Secret(apiSecret);
    // Kit's limit is per key: a key no integration holds yet is spent by nobody else.
    Long holder = integrationHolding(secret);
    KitAccount account = verify(holder, secret);
    KitResult<List<KitTag>> tags = kit.call(holder, secret, KitClient::listTags);
    Date now = new Date(clock.millis());
    long id =
        jpa.tx(
            em -> {
              requireFreeLabel(em, l, null);
              requireAccountNotConnected(em, account, null);
              IntegrationEntity e = new IntegrationEntity();
              e.setLabel(l);
              e.setSecretCiphertext(cipher.encrypt(secret.reveal()));
              e.setAccountName(account.name());
              e.setPrimaryEmail(account.primaryEmail());
              e.setAccountKey(accountKey(account));
              e.setCreatedAt(now);
              em.persist(e);
              if (tags.isSuccess()) replaceTags(em, e, tags.value(), now.getTime());
              return e.getId();
            });
    return get(id);
  }

  /** Changes the label. */
  public Integration rename(long id, String label) {
    String l = label(label);
    jpa.tx(
        em -> {
          requireFreeLabel(em, l, id);
          find(em, id).setLabel(l);
          return null;
        });
    return get(id);
  }

  /**
   * Verifies a new secret of the same Kit account and stores it in place of the old one; clears
   * NEEDS_ATTENTION. A call still in flight with the old secret can no longer mark the integration
   * as refused.
   *
   * @throws IntegrationException when Kit refuses the secret, or it opens another Kit account (the
   *     old secret is kept in both cases)
   */
  public Integration replaceSecret(long id, String apiSecret) {
    KitCredential secret = KitCredential.v3Secret(apiSecret);
    KitAccount account = verify(id, secret);
    jpa.tx(
        em -> {
          IntegrationEntity e = find(em, id);
          String key = accountKey(account);
          if (e.getAccountKey() != null && !e.getAccountKey().equals(key)) {
            throw new IntegrationException(
                "This API secret opens another Kit account ("
                    + account.name()
                    + "), not the one '"
                    + e.getLabel()
                    + "' is connected to ("
                    + e.getAccountName()
                    + "): its tags and recorded purchases belong to that account. "
                    + "Connect the other account as a new integration instead.");
          }
          requireAccountNotConnected(em, account, id);
          e.setSecretCiphertext(cipher.encrypt(secret.reveal()));
          e.setSecretVersion(e.getSecretVersion() + 1);
          e.setAccountName(account.name());
          e.setPrimaryEmail(account.primaryEmail());
          e.setAccountKey(key);
          e.setStatus(IntegrationStatus.CONNECTED);
          e.setStatusMessage(null);
          return null;
        });
    return refreshTags(id);
  }

  /**
   * Fetches the account's tags from Kit and caches them.
   *
   * @throws IntegrationException when Kit does not answer with the tags
   */
  public Integration refreshTags(long id) {
    IntegrationEntity stored = jpa.tx(em -> find(em, id));
    KitCredential secret = secretForDelivery(stored);
    KitResult<List<KitTag>> tags = kit.call(id, secret, KitClient::listTags);
    if (!tags.isSuccess()) {
      if (tags.outcome() == KitOutcome.BAD_CREDENTIALS) {
        markNeedsAttention(
            id, stored.getSecretVersion(), "Kit refused the API secret: " + tags.message());
      }
      throw new IntegrationException(
          "Kit did not return the tags: " + tags.message() + " (HTTP " + tags.httpStatus() + ")",
          tags.outcome());
    }
    long now = clock.millis();
    jpa.tx(
        em -> {
          replaceTags(em, find(em, id), tags.value(), now);
          return null;
        });
    if (onTagsRefreshed != null) onTagsRefreshed.accept(id);
    return get(id);
  }

  /**
   * Deletes the integration and its cached tags. Its rules are kept, disabled, so nothing an
   * operator wrote disappears with it (they show as disabled until pointed at another integration
   * or deleted). Its log rows stay; its actions still waiting are cancelled.
   */
  public void delete(long id) {
    long now = clock.millis();
    jpa.tx(
        em -> {
          IntegrationEntity e = find(em, id);
          RuleService.disableRulesOfIntegration(em, id, now);
          em.createQuery(DELETE_CACHED_TAGS).setParameter("integration", id).executeUpdate();
          Leases.forget(em, id);
          // Actions still waiting can never be delivered now; say so instead of leaving them open.
          ActionStore.cancelForIntegration(em, id, "integration deleted", now);
          em.remove(e);
          return null;
        });
    rules.invalidate();
  }

  /** All integrations, by label. */
  public List<Integration> list() {
    return jpa.tx(
        em -> {
          List<Integration> out = new ArrayList<Integration>();
          for (IntegrationEntity e :
              em.createQuery(ALL_INTEGRATIONS, IntegrationEntity.class).getResultList()) {
            out.add(view(em, e));
          }
          return out;
        });
  }

  /**
   * @throws IntegrationException when there is no such integration
   */
  public Integration get(long id) {
    return jpa.tx(em -> view(em, find(em, id)));
  }

  /**
   * The decrypted secret of {@code e}, for the workers; never leaves the engine. A secret stored
   * under a previous key is re-encrypted with the current one now (key rotation).
   */
  KitCredential secretForDelivery(IntegrationEntity e) {
    String stored = e.getSecretCiphertext();
    String plain = cipher.decrypt(stored);
    if (!cipher.isCurrent(stored)) {
      String again = cipher.encrypt(plain);
      jpa.tx(
          em ->
              em.createQuery(REENCRYPT_SECRET)
                  .setParameter("ciphertext", again)
                  .setParameter("id", e.getId())
                  .setParameter("secretVersion", e.getSecretVersion())
                  .executeUpdate());
    }
    return KitCredential.v3Secret(plain);
  }

  /**
   * Marks the integration as refused by Kit, unless its secret was replaced since the failing call
   * was made with version {@code secretVersion}.
   */
  void markNeedsAttention(long id, int secretVersion, String message) {
    jpa.tx(
        em ->
            em.createQuery(MARK_NEEDS_ATTENTION)
                .setParameter("needsAttention", IntegrationStatus.NEEDS_ATTENTION)
                .setParameter("message", message)
                .setParameter("id", id)
                .setParameter("secretVersion", secretVersion)
                .executeUpdate());
  }

  /** Called with the integration's id after its tags were re-read (forgets absent tags). */
  private java.util.function.LongConsumer onTagsRefreshed;

  void onTagsRefreshed(java.util.function.LongConsumer listener) {
    this.onTagsRefreshed = listener;
  }

  static void replaceTags(EntityManager em, IntegrationEntity e, List<KitTag> tags, long now) {
    em.createQuery(DELETE_CACHED_TAGS).setParameter("integration", e.getId()).executeUpdate();
    for (KitTag t : tags) em.persist(new CachedTagEntity(e.getId(), t.id(), t.name()));
    e.setTagsFetchedAt(new Date(now));
  }

  /**
   * The integration that holds {@code secret} already, or null. Secrets are stored encrypted with a
   * fresh nonce each, so they are compared in the clear; an integration is an account, so there are
   * few of them.
   */
  private Long integrationHolding(KitCredential secret) {
    List<IntegrationEntity> all =
        jpa.tx(em -> em.createQuery(ALL_INTEGRATIONS, IntegrationEntity.class).getResultList());
    for (IntegrationEntity e : all) {
      try {
        if (cipher.decrypt(e.getSecretCiphertext()).equals(secret.reveal())) return e.getId();
      } catch (RuntimeException unreadable) {
        // A secret this key cannot open (NEEDS_ATTENTION elsewhere): not this one.
      }
    }
    return null;
  }

  /**
   * The account a secret opens, asked of Kit for integration {@code id} (null: a key no integration
   * holds).
   */
  private KitAccount verify(Long id, KitCredential secret) {
    KitResult<KitAccount> r = kit.call(id, secret, KitClient::account);
    if (!r.isSuccess()) {
      throw new IntegrationException(
          (r.isRetryable()
                  ? "Kit could not be asked about the API secret, so nothing was saved: "
                  : "Kit did not accept the API secret: ")
              + r.message()
              + " ("
              + r.outcome()
              + (r.httpStatus() == 0 ? "" : ", HTTP " + r.httpStatus())
              + ")",
          r.outcome());
    }
    return r.value();
  }

  /** Which Kit account a secret opens: Kit v3 names an account by its primary email. */
  static String accountKey(KitAccount account) {
    String email = account.primaryEmail();
    return email == null || email.trim().isEmpty() ? null : email.trim().toLowerCase(Locale.ROOT);
  }

  private static void requireAccountNotConnected(
      EntityManager em, KitAccount account, Long except) {
    String key = accountKey(account);
    if (key == null) return;
    for (IntegrationEntity other :
        em.createQuery(INTEGRATION_BY_ACCOUNT, IntegrationEntity.class)
            .setParameter("account", key)
            .getResultList()) {
      if (except == null || !except.equals(other.getId())) {
        throw new IntegrationException(
            "This Kit account ("
                + account.name()
                + ") is already connected as '"
                + other.getLabel()
                + "'. Edit that integration to replace its secret: one Kit account is connected "
                + "once, so its rate limit is one budget.");
      }
    }
  }

  /** The longest label stored ({@code CK_INTEGRATION.LABEL}). */
  public static final int MAX_LABEL_LENGTH = 100;

  /**
   * Why {@code label} cannot label an integration, or null when it can: trimmed, it must not be
   * empty and must fit {@link #MAX_LABEL_LENGTH}; it must be plain text (no line break, tab, NUL or
   * other control character: a label is shown on one line and may be quoted in log lines). The
   * admin asks this before it asks Kit about the secret, so every problem of a form shows at once.
   */
  public static String labelProblem(String label) {
    // Looked for before trimming, which would drop a trailing NUL or line break unseen.
    if (PlainText.hasControlCharacter(label)) {
      return "The label holds a line break, tab or other control character; type it on one line "
          + "as plain text";
    }
    String l = label == null ? "" : label.trim();
    if (l.isEmpty()) return "Give the integration a label";
    if (l.length() > MAX_LABEL_LENGTH) {
      return "The label is longer than " + MAX_LABEL_LENGTH + " characters";
    }
    return null;
  }

  private static String label(String label) {
    String problem = labelProblem(label);
    if (problem != null) throw new IntegrationException(problem);
    return label.trim();
  }

  private static void requireFreeLabel(EntityManager em, String label, Long except) {
    List<Long> ids =
        em.createQuery(INTEGRATION_IDS_BY_LABEL, Long.class)
            .setParameter("label", label.toLowerCase(Locale.ROOT))
            .getResultList();
    for (Long id : ids) {
      if (except == null || !except.equals(id)) {
        throw new IntegrationException("An integration labelled '" + label + "' already exists");
      }
    }
  }

  static IntegrationEntity find(EntityManager em, long id) {
    IntegrationEntity e = em.find(IntegrationEntity.class, id);
    if (e == null) throw new IntegrationException("No integration with id " + id);
    return e;
  }

  private static Integration view(EntityManager em, IntegrationEntity e) {
    List<KitTag> tags = new ArrayList<KitTag>();
    for (CachedTagEntity t :
        em.createQuery(CACHED_TAGS, CachedTagEntity.class)
            .setParameter("integration", e.getId())
            .getResultList()) {
      tags.add(new KitTag(t.getKitTagId(), t.getName(), null));
    }
    return new Integration(
        e.getId(),
        e.getProvider(),
        e.getLabel(),
        e.getAccountName(),
        e.getPrimaryEmail(),
        e.getCredentialKind(),
        e.getStatus(),
        e.getStatusMessage(),
        tags,
        e.getTagsFetchedAt() == null ? null : e.getTagsFetchedAt().toInstant());
  }
}

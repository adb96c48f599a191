package com.ckengine.engine;

import com.ckengine.engine.store.CachedTagEntity;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.ApiSecret;
import com.ckengine.kit.KitAccount;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.KitTag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.persistence.EntityManager;

/**
 * Connects and manages Kit accounts ("integrations") for the admin screens. A secret is always
 * verified with Kit before it is stored, and stored only encrypted.
 */
public final class IntegrationService {
  private final Jpa jpa;
  private final KitClient kit;
  private final SecretCipher cipher;
  private final Clock clock;
  private final RuleService rules;

  IntegrationService(Jpa jpa, KitClient kit, SecretCipher cipher, Clock clock, RuleService rules) {
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
   * @throws IntegrationException when the label is taken or empty, or Kit refuses the secret
   */
  public Integration connect(String label, String apiSecret) {
    final String l = label(label);
    final ApiSecret secret = ApiSecret.of(apiSecret);
    final KitAccount account = verify(secret);
    final KitResult<List<KitTag>> tags = kit.listTags(secret);
    final Date now = new Date(clock.millis());
    long id =
        jpa.tx(
            new Jpa.Work<Long>() {
              @Override
              public Long run(EntityManager em) {
                requireFreeLabel(em, l, null);
                IntegrationEntity e = new IntegrationEntity();
                e.setLabel(l);
                e.setSecretCiphertext(cipher.encrypt(secret.reveal()));
                e.setAccountName(account.name());
                e.setPrimaryEmail(account.primaryEmail());
                e.setCreatedAt(now);
                em.persist(e);
                if (tags.isSuccess()) replaceTags(em, e, tags.value(), now);
                return e.getId();
              }
            });
    return get(id);
  }

  /** Changes the label. */
  public Integration rename(final long id, String label) {
    final String l = label(label);
    jpa.tx(
        new Jpa.Work<Void>() {
          @Override
          public Void run(EntityManager em) {
            requireFreeLabel(em, l, id);
            find(em, id).setLabel(l);
            return null;
          }
        });
    return get(id);
  }

  /**
   * Verifies a new secret and stores it in place of the old one; clears NEEDS_ATTENTION.
   *
   * @throws IntegrationException when Kit refuses the secret (the old one is kept)
   */
  public Integration replaceSecret(final long id, String apiSecret) {
    final ApiSecret secret = ApiSecret.of(apiSecret);
    final KitAccount account = verify(secret);
    jpa.tx(
        new Jpa.Work<Void>() {
          @Override
          public Void run(EntityManager em) {
            IntegrationEntity e = find(em, id);
            e.setSecretCiphertext(cipher.encrypt(secret.reveal()));
            e.setAccountName(account.name());
            e.setPrimaryEmail(account.primaryEmail());
            e.setStatus(IntegrationStatus.CONNECTED);
            e.setStatusMessage(null);
            return null;
          }
        });
    return refreshTags(id);
  }

  /**
   * Fetches the account's tags from Kit and caches them.
   *
   * @throws IntegrationException when Kit does not answer with the tags
   */
  public Integration refreshTags(final long id) {
    ApiSecret secret = secretOf(id);
    final KitResult<List<KitTag>> tags = kit.listTags(secret);
    if (!tags.isSuccess()) {
      if (tags.outcome() == com.ckengine.kit.KitOutcome.BAD_CREDENTIALS) {
        markNeedsAttention(id, "Kit refused the API secret: " + tags.message());
      }
      throw new IntegrationException(
          "Kit did not return the tags: " + tags.message() + " (HTTP " + tags.httpStatus() + ")",
          tags.outcome());
    }
    final Date now = new Date(clock.millis());
    jpa.tx(
        new Jpa.Work<Void>() {
          @Override
          public Void run(EntityManager em) {
            replaceTags(em, find(em, id), tags.value(), now);
            return null;
          }
        });
    return get(id);
  }

  /**
   * Deletes the integration and its cached tags. Its rules are kept, disabled, so nothing an
   * operator wrote disappears with it (they show as disabled until pointed at another integration
   * or deleted). Its log rows stay; its actions still waiting are cancelled.
   */
  public void delete(final long id) {
    final Date now = new Date(clock.millis());
    jpa.tx(
        new Jpa.Work<Void>() {
          @Override
          public Void run(EntityManager em) {
            IntegrationEntity e = find(em, id);
            // A bulk update skips @PreUpdate: set the time the rule fingerprint watches by hand.
            em.createQuery(
                    "update RuleEntity r set r.enabled = false, r.updatedAt = :now "
                        + "where r.integrationId = :i and r.enabled = :on")
                .setParameter("now", now)
                .setParameter("on", true)
                .setParameter("i", id)
                .executeUpdate();
            em.createQuery("delete from CachedTagEntity t where t.integrationId = :i")
                .setParameter("i", id)
                .executeUpdate();
            em.createQuery("delete from DeliveryLeaseEntity l where l.integrationId = :i")
                .setParameter("i", id)
                .executeUpdate();
            // Actions still waiting can never be delivered now; say so instead of leaving them
            // open.
            em.createQuery(
                    "update ActionEntity a set a.status = :s, a.note = :n "
                        + "where a.integrationId = :i and a.status in (:open)")
                .setParameter("s", ActionStatus.CANCELLED)
                .setParameter("n", "integration deleted")
                .setParameter("i", id)
                .setParameter("open", Outbox.OPEN)
                .executeUpdate();
            em.remove(e);
            return null;
          }
        });
    rules.invalidate();
  }

  /** All integrations, by label. */
  public List<Integration> list() {
    return jpa.tx(
        new Jpa.Work<List<Integration>>() {
          @Override
          public List<Integration> run(EntityManager em) {
            List<Integration> out = new ArrayList<Integration>();
            for (IntegrationEntity e :
                em.createQuery(
                        "select i from IntegrationEntity i order by i.label",
                        IntegrationEntity.class)
                    .getResultList()) {
              out.add(view(em, e));
            }
            return out;
          }
        });
  }

  /**
   * @throws IntegrationException when there is no such integration
   */
  public Integration get(final long id) {
    return jpa.tx(
        new Jpa.Work<Integration>() {
          @Override
          public Integration run(EntityManager em) {
            return view(em, find(em, id));
          }
        });
  }

  /** The decrypted secret, for the workers; never leaves the engine. */
  ApiSecret secretOf(final long id) {
    String stored =
        jpa.tx(
            new Jpa.Work<String>() {
              @Override
              public String run(EntityManager em) {
                return find(em, id).getSecretCiphertext();
              }
            });
    return ApiSecret.of(cipher.decrypt(stored));
  }

  void markNeedsAttention(final long id, final String message) {
    jpa.tx(
        new Jpa.Work<Void>() {
          @Override
          public Void run(EntityManager em) {
            IntegrationEntity e = em.find(IntegrationEntity.class, id);
            if (e != null) {
              e.setStatus(IntegrationStatus.NEEDS_ATTENTION);
              e.setStatusMessage(message);
            }
            return null;
          }
        });
  }

  static void replaceTags(EntityManager em, IntegrationEntity e, List<KitTag> tags, Date now) {
    em.createQuery("delete from CachedTagEntity t where t.integrationId = :i")
        .setParameter("i", e.getId())
        .executeUpdate();
    for (KitTag t : tags) em.persist(new CachedTagEntity(e.getId(), t.id(), t.name()));
    e.setTagsFetchedAt(now);
  }

  private KitAccount verify(ApiSecret secret) {
    KitResult<KitAccount> r = kit.account(secret);
    if (!r.isSuccess()) {
      throw new IntegrationException(
          "Kit did not accept the API secret: "
              + r.message()
              + " ("
              + r.outcome()
              + (r.httpStatus() == 0 ? "" : ", HTTP " + r.httpStatus())
              + ")",
          r.outcome());
    }
    return r.value();
  }

  private static String label(String label) {
    String l = label == null ? "" : label.trim();
    if (l.isEmpty()) throw new IntegrationException("An integration needs a label");
    if (l.length() > 100) throw new IntegrationException("The label is longer than 100 characters");
    return l;
  }

  private static void requireFreeLabel(EntityManager em, String label, Long except) {
    List<Long> ids =
        em.createQuery("select i.id from IntegrationEntity i where lower(i.label) = :l", Long.class)
            .setParameter("l", label.toLowerCase(java.util.Locale.ROOT))
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
        em.createQuery(
                "select t from CachedTagEntity t where "
                    + "t.integrationId = :i order by lower(t.name)",
                CachedTagEntity.class)
            .setParameter("i", e.getId())
            .getResultList()) {
      tags.add(new KitTag(t.getKitTagId(), t.getName(), null));
    }
    return new Integration(
        e.getId(),
        e.getProvider(),
        e.getLabel(),
        e.getAccountName(),
        e.getPrimaryEmail(),
        e.getStatus(),
        e.getStatusMessage(),
        tags,
        e.getTagsFetchedAt() == null ? null : e.getTagsFetchedAt().toInstant());
  }
}

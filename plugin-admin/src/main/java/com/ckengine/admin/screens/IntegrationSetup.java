package com.ckengine.admin.screens;

import com.ckengine.api.RuleDefinition;
import com.ckengine.engine.Integration;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.IntegrationException;
import com.ckengine.engine.IntegrationService;
import com.ckengine.kit.KitOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The Integration Setup tab: lists integrations, connects new ones (the secret verified with Kit
 * first), renames, replaces secrets, refreshes tags and deletes. Problems come back per field: a
 * label problem beside the label, a refused secret beside the secret.
 */
public final class IntegrationSetup {
  private static final Log LOG = LogFactory.getLog(IntegrationSetup.class);

  private final IntegrationEngine engine;

  public IntegrationSetup(IntegrationEngine engine) {
    this.engine = engine;
  }

  /** Every integration, by label, with how many rules use it. */
  public List<IntegrationRow> rows() {
    Map<Long, Integer> counts = new HashMap<Long, Integer>();
    for (RuleDefinition r : engine.rules().list()) {
      Integer n = counts.get(r.integrationId());
      counts.put(r.integrationId(), n == null ? 1 : n + 1);
    }
    List<IntegrationRow> out = new ArrayList<IntegrationRow>();
    for (Integration i : engine.integrations().list()) {
      Integer n = counts.get(i.id());
      out.add(new IntegrationRow(i, n == null ? 0 : n));
    }
    return out;
  }

  /**
   * @throws IntegrationException when there is no such integration
   */
  public IntegrationRow row(long id) {
    Integration i = engine.integrations().get(id);
    return new IntegrationRow(i, rulesUsing(id).size());
  }

  /** Verifies the secret with Kit and stores a new integration. */
  public Result<Integration> connect(IntegrationForm form) {
    FieldErrors errors = new FieldErrors();
    if (!IntegrationForm.CONVERTKIT.equals(form.getProvider())) {
      errors.add("provider", "Choose ConvertKit");
    }
    String label = checkLabel(form.getLabel(), null, errors);
    if (blank(form.getApiSecret())) {
      errors.add("apiSecret", "Paste the V4 API key or the V3 API Secret from Kit");
    }
    if (!errors.isEmpty()) return Result.failed(errors);
    try {
      Integration i = engine.integrations().connect(label, form.getApiSecret().trim());
      LOG.info("integration " + i.id() + " connected");
      return Result.ok(i);
    } catch (IntegrationException e) {
      return Result.failed(fieldOf(e), explain(e));
    }
  }

  /** Changes the label. */
  public Result<Integration> rename(long id, String newLabel) {
    FieldErrors errors = new FieldErrors();
    String label = checkLabel(newLabel, id, errors);
    if (!errors.isEmpty()) return Result.failed(errors);
    try {
      return Result.ok(engine.integrations().rename(id, label));
    } catch (IntegrationException e) {
      return Result.failed("label", e.getMessage());
    }
  }

  /** Verifies a new secret with Kit and keeps it in place of the old one. */
  public Result<Integration> replaceSecret(long id, String secret) {
    if (blank(secret)) {
      return Result.failed("apiSecret", "Paste the new V4 API key or V3 API Secret from Kit");
    }
    try {
      Integration i = engine.integrations().replaceSecret(id, secret.trim());
      LOG.info("integration " + id + ": API secret replaced");
      return Result.ok(i);
    } catch (IntegrationException e) {
      return Result.failed("apiSecret", explain(e));
    }
  }

  /**
   * Fetches the account's tags again, then its forms and sequences (what Add Subscriber To Form /
   * To Sequence offer); the message says how many of each.
   */
  public Result<String> refreshTags(long id) {
    try {
      Integration i = engine.integrations().refreshTags(id);
      i = engine.integrations().refreshFormsAndSequences(id);
      return Result.ok(
          "Refreshed the tags of '"
              + i.label()
              + "': "
              + count(i.tags().size(), "tag")
              + ", "
              + count(i.forms().size(), "form")
              + ", "
              + count(i.sequences().size(), "sequence")
              + " and "
              + count(i.customFields().size(), "custom field")
              + " in the Kit account");
    } catch (IntegrationException e) {
      return Result.failed(FieldErrors.GLOBAL, explain(e));
    }
  }

  private static String count(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  /** The rules that use the integration, global ones first. */
  public List<RuleRow> rulesUsing(long id) {
    Map<Long, Integration> byId = integrationsById();
    List<RuleRow> out = new ArrayList<RuleRow>();
    for (RuleDefinition r : engine.rules().list()) {
      if (r.integrationId() == id) out.add(new RuleRow(r, byId));
    }
    return out;
  }

  /**
   * Deletes the integration. Its rules stay, disabled, so nothing an operator wrote disappears.
   *
   * @return how many rules were disabled
   */
  public int delete(long id) {
    int rules = 0;
    for (RuleRow r : rulesUsing(id)) if (r.isEnabled()) rules++;
    engine.integrations().delete(id);
    LOG.info("integration " + id + " deleted; " + rules + " of its rules disabled");
    return rules;
  }

  Map<Long, Integration> integrationsById() {
    Map<Long, Integration> byId = new HashMap<Long, Integration>();
    for (Integration i : engine.integrations().list()) byId.put(i.id(), i);
    return byId;
  }

  private String checkLabel(String raw, Long except, FieldErrors errors) {
    String label = raw == null ? "" : raw.trim();
    String problem = IntegrationService.labelProblem(raw);
    if (problem != null) {
      errors.add("label", problem);
    } else {
      for (Integration i : engine.integrations().list()) {
        if (i.label().toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT))
            && (except == null || i.id() != except)) {
          errors.add("label", "Another integration is already labelled '" + i.label() + "'");
        }
      }
    }
    return label;
  }

  private static String fieldOf(IntegrationException e) {
    return e.kitOutcome() == null ? "label" : "apiSecret";
  }

  /** The operator's version of an engine failure; Kit's own words are kept (they are data). */
  static String explain(IntegrationException e) {
    KitOutcome o = e.kitOutcome();
    if (o == KitOutcome.BAD_CREDENTIALS) {
      return "Kit did not accept this credential. In Kit, open Settings > Developer and copy a V4 "
          + "API key (or the V3 API Secret, not the V3 API Key), then paste it again. ("
          + e.getMessage()
          + ")";
    }
    if (o != null && o.isRetryable()) {
      return "Kit could not be reached or is busy, so nothing was saved; try again in a minute. ("
          + e.getMessage()
          + ")";
    }
    return e.getMessage();
  }

  private static boolean blank(String s) {
    return s == null || s.trim().isEmpty();
  }
}

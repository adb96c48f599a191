package com.ckengine.admin.screens;

import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.IntegrationException;
import com.ckengine.engine.InvalidPastOrderRequest;
import com.ckengine.engine.PastOrderProgress;
import com.ckengine.engine.PastOrderRequest;
import com.ckengine.engine.RuleChoice;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Past Orders tab: reads the operator's form into a {@link PastOrderRequest} (every field that
 * cannot be read gets its own message), previews, starts, pauses, resumes and cancels runs, and
 * lists them. The engine's own refusals come back as messages beside the same fields.
 */
public final class PastOrdersScreen {
  /** Runs listed under the form. */
  public static final int RUNS_LISTED = 10;

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final IntegrationEngine engine;

  public PastOrdersScreen(IntegrationEngine engine) {
    this.engine = engine;
  }

  /** Whether the store offers its past orders at all (the host configured a source). */
  public boolean isAvailable() {
    return engine.pastOrders().isAvailable();
  }

  /** The form read into a request, or the message of each field that cannot be read. */
  public Result<PastOrderRequest> request(PastOrdersForm f) {
    FieldErrors errors = new FieldErrors();
    PastOrderRequest.Builder b = PastOrderRequest.builder();
    Long integrationId = id(f.getIntegrationId());
    if (integrationId == null) {
      errors.add("integrationId", "Choose an integration from the list");
    } else {
      b.integrationId(integrationId);
    }
    LocalDate from = day(f.getFrom(), "from", errors);
    LocalDate to = day(f.getTo(), "to", errors);
    if (from != null && to != null && to.isBefore(from)) {
      errors.add("to", "The end date is before the start date");
    }
    if (from != null && to != null) {
      // The end day is included: orders submitted before the next day's start.
      b.range(
          from.atStartOfDay(ZoneOffset.UTC).toInstant(),
          to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    RuleChoice choice = choice(f.getRules());
    if (choice == null) {
      errors.add("rules", "Choose which rules to apply");
    } else if (choice == RuleChoice.ONE_RULE) {
      Long ruleId = id(f.getRuleId());
      if (ruleId == null) errors.add("rules", "Choose the rule from the list");
      else b.oneRule(ruleId);
    } else if (choice == RuleChoice.PRODUCT_RULES) {
      Long productId = id(f.getProductId());
      if (productId == null) errors.add("rules", "Write the product's id (a number)");
      else b.productRules(productId);
    } else {
      b.allPurchasedRules();
    }
    b.excludeRefunded(f.isExcludeRefunded()).excludeTest(f.isExcludeTest());
    return errors.isEmpty() ? Result.ok(b.build()) : Result.<PastOrderRequest>failed(errors);
  }

  /** Counts what applying the form would do; sends nothing. */
  public Result<PastPreviewView> preview(PastOrdersForm f) {
    Result<PastOrderRequest> r = request(f);
    if (!r.isOk()) return Result.failed(r.errors());
    return engine(() -> new PastPreviewView(engine.pastOrders().preview(r.value())));
  }

  /** Starts the run the form describes. */
  public Result<PastRunRow> start(PastOrdersForm f) {
    Result<PastOrderRequest> r = request(f);
    if (!r.isOk()) return Result.failed(r.errors());
    return engine(() -> new PastRunRow(engine.pastOrders().start(r.value())));
  }

  public Result<PastRunRow> pause(long runId) {
    return engine(() -> new PastRunRow(engine.pastOrders().pause(runId)));
  }

  public Result<PastRunRow> resume(long runId) {
    return engine(() -> new PastRunRow(engine.pastOrders().resume(runId)));
  }

  public Result<PastRunRow> cancel(long runId) {
    return engine(() -> new PastRunRow(engine.pastOrders().cancel(runId)));
  }

  /** The run, read from the database (so it survives a reload and a restart), or null. */
  public PastRunRow run(long runId) {
    try {
      return new PastRunRow(engine.pastOrders().progress(runId));
    } catch (InvalidPastOrderRequest e) {
      return null;
    }
  }

  /** The integration's run that is running or paused, or null. */
  public PastRunRow active(long integrationId) {
    PastOrderProgress p = engine.pastOrders().active(integrationId);
    return p == null ? null : new PastRunRow(p);
  }

  /** The integration's latest runs, newest first. */
  public List<PastRunRow> runs(long integrationId) {
    List<PastRunRow> out = new ArrayList<PastRunRow>();
    for (PastOrderProgress p : engine.pastOrders().runs(integrationId, RUNS_LISTED)) {
      out.add(new PastRunRow(p));
    }
    return out;
  }

  /** A rule of the chooser: the integration's enabled Product Purchased rules. */
  public static final class RuleOption {
    private final long id;
    private final String label;

    RuleOption(long id, String label) {
      this.id = id;
      this.label = label;
    }

    public long getId() {
      return id;
    }

    public String getLabel() {
      return label;
    }
  }

  /** The enabled Product Purchased rules of an integration, for the "one rule" list. */
  public List<RuleOption> purchasedRules(Long integrationId) {
    List<RuleOption> out = new ArrayList<RuleOption>();
    if (integrationId == null) return out;
    for (RuleDefinition d : engine.rules().listForTrigger(Trigger.PRODUCT_PURCHASED)) {
      if (!d.isEnabled() || d.integrationId() != integrationId) continue;
      StringBuilder tags = new StringBuilder();
      for (RuleTag t : d.tags()) tags.append(tags.length() == 0 ? " " : ", ").append(t.name());
      out.add(
          new RuleOption(
              d.id(),
              "Rule "
                  + d.id()
                  + ": "
                  + d.action().displayName()
                  + tags
                  + (d.isGlobal() ? " (all products)" : " (product " + d.productId() + ")")));
    }
    return out;
  }

  /** The products those rules name, for the "a product's rules" hint. */
  public List<Long> ruleProducts(Long integrationId) {
    TreeSet<Long> ids = new TreeSet<Long>();
    if (integrationId == null) return new ArrayList<Long>();
    for (RuleDefinition d : engine.rules().listForTrigger(Trigger.PRODUCT_PURCHASED)) {
      if (d.isEnabled() && d.integrationId() == integrationId && !d.isGlobal()) {
        ids.add(d.productId());
      }
    }
    return new ArrayList<Long>(ids);
  }

  /** Whether an integration with this id exists (the page falls back to the first one). */
  public boolean integrationExists(long id) {
    try {
      engine.integrations().get(id);
      return true;
    } catch (IntegrationException e) {
      return false;
    }
  }

  /** Runs an engine call, turning its refusal into the messages of the form's fields. */
  private static <T> Result<T> engine(Supplier<T> call) {
    try {
      return Result.ok(call.get());
    } catch (InvalidPastOrderRequest e) {
      FieldErrors errors = new FieldErrors();
      for (Map.Entry<String, String> p : e.problems().entrySet()) {
        errors.add(fieldOf(p.getKey()), p.getValue());
      }
      return Result.failed(errors);
    }
  }

  /** The form field beside which an engine problem is shown. */
  private static String fieldOf(String engineField) {
    switch (engineField) {
      case "integration":
        return "integrationId";
      case "range":
        return "range";
      case "rules":
        return "rules";
      default:
        return FieldErrors.GLOBAL; // "run": another run is active, or a state change not allowed
    }
  }

  private static RuleChoice choice(String raw) {
    if (raw == null || raw.trim().isEmpty()) return null;
    try {
      return RuleChoice.valueOf(raw.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A positive id as typed, or null. */
  public static Long id(String raw) {
    if (raw == null) return null;
    String t = raw.trim();
    if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) return null;
    long v = Long.parseLong(t);
    return v > 0 ? v : null;
  }

  /** A day as typed: YYYY-MM-DD with a four-digit year, as the Logs filters take it. */
  private static LocalDate day(String raw, String field, FieldErrors errors) {
    if (raw == null || raw.trim().isEmpty()) {
      errors.add(field, "Give a date, YYYY-MM-DD");
      return null;
    }
    String text = raw.trim();
    if (DATE.matcher(text).matches()) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        // No such day (2024-02-30): the same message.
      }
    }
    errors.add(field, "Write the date as YYYY-MM-DD, e.g. 2024-03-31");
    return null;
  }
}

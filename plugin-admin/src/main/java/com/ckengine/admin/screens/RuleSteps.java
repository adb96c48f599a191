package com.ckengine.admin.screens;

import com.ckengine.admin.product.ProductCatalog;
import com.ckengine.api.ActionType;
import com.ckengine.api.PlainText;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.RuleTarget;
import com.ckengine.api.Trigger;
import com.ckengine.engine.ActionKind;
import com.ckengine.engine.ActionKinds;
import com.ckengine.engine.Integration;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.IntegrationException;
import com.ckengine.kit.KitListItem;
import com.ckengine.kit.KitTag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The New Rule steps, the same for a product's rules and the global ones: 1. the trigger; 2. the
 * integration (sorted by label) and the action, offered only where the trigger allows it; 3. the
 * tags: picked from the account's list (refreshable) or typed, a typed tag being created in Kit
 * when first used; or, for Add Subscriber To Form / To Sequence, one form or sequence picked from
 * the account's list (refreshable), stored with its Kit id and its name. Each post validates the
 * steps done so far, so a tampered or stale form lands on the first step that is wrong, with the
 * reason beside the field.
 */
public final class RuleSteps {
  private static final Log LOG = LogFactory.getLog(RuleSteps.class);

  /** The button the operator pressed. */
  public enum Move {
    NEXT,
    BACK,
    REFRESH_TAGS,
    SAVE
  }

  private final IntegrationEngine engine;
  private final ProductCatalog products;

  public RuleSteps(IntegrationEngine engine, ProductCatalog products) {
    this.engine = engine;
    this.products = products;
  }

  /**
   * A blank New Rule form: global when {@code productId} is null. For a product the store does not
   * have, the form says so (and every post of it is refused).
   */
  public RuleStep start(Long productId) {
    RuleForm f = new RuleForm();
    f.setProductId(productId);
    return render(1, f, productErrors(f), null);
  }

  /**
   * The Edit form of a stored rule, its values filled in, at step 1.
   *
   * @throws IllegalArgumentException when there is no such rule
   */
  public RuleStep edit(long ruleId) {
    RuleDefinition r = engine.rules().get(ruleId);
    RuleForm f = new RuleForm();
    f.setRuleId(r.id());
    f.setProductId(r.productId());
    f.setTrigger(r.trigger().name());
    f.setIntegrationId(r.integrationId());
    f.setAction(r.action().name());
    f.setEnabled(r.isEnabled());
    List<Long> ids = new ArrayList<Long>();
    List<String> typed = new ArrayList<String>();
    for (RuleTag t : r.tags()) {
      if (t.kitTagId() != null) ids.add(t.kitTagId());
      else typed.add(t.name());
    }
    f.setTagIds(ids);
    f.setNewTags(TypedTagList.join(typed));
    f.setTargetId(r.target() == null ? null : r.target().kitId());
    return render(1, f, productErrors(f), null);
  }

  /** Handles one post of the form. */
  public RuleStep post(RuleForm form, Move move) {
    FieldErrors noProduct = productErrors(form);
    if (!noProduct.isEmpty()) return render(1, form, noProduct, null);
    int at = Math.max(1, Math.min(3, form.getStep()));
    if (move == Move.BACK) return render(Math.max(1, at - 1), form, new FieldErrors(), null);

    FieldErrors errors = new FieldErrors();
    Trigger trigger = trigger(form, errors);
    if (!errors.isEmpty() || at == 1) {
      return render(errors.isEmpty() ? 2 : 1, form, errors, null);
    }
    Integration integration = integration(form, errors);
    ActionType action = action(form, trigger, errors);
    if (action == ActionType.ADD_PURCHASE
        && integration != null
        && !integration.canRecordPurchases()) {
      errors.add("action", purchasesNeedAnotherCredential(integration));
    }
    if (!errors.isEmpty() || at == 2) {
      return render(errors.isEmpty() ? 3 : 2, form, errors, null);
    }
    if (move == Move.REFRESH_TAGS) {
      Result<String> r = new IntegrationSetup(engine).refreshTags(integration.id());
      if (!r.isOk()) errors.add("tags", r.errors().get(FieldErrors.GLOBAL));
      return render(3, form, errors, r.isOk() ? r.value() : null);
    }
    if (move != Move.SAVE) return render(3, form, errors, null);

    List<RuleTag> tags = tags(form, integration, action, errors);
    RuleTarget target = target(form, integration, action, errors);
    if (!errors.isEmpty()) return render(3, form, errors, null);
    RuleDefinition rule;
    try {
      rule =
          RuleDefinition.builder()
              .id(form.getRuleId())
              .trigger(trigger)
              .integrationId(integration.id())
              .action(action)
              .tags(tags)
              .target(target)
              .productId(form.getProductId())
              .enabled(form.isEnabled())
              .build();
      rule = form.getRuleId() == null ? engine.rules().create(rule) : engine.rules().update(rule);
    } catch (IllegalArgumentException e) {
      return render(3, form, errors.add(FieldErrors.GLOBAL, e.getMessage()), null);
    }
    // Typed tags are the operator's text: escaped, so the line stays one line.
    LOG.info(
        (form.getRuleId() == null ? "rule created: " : "rule changed: ")
            + PlainText.escaped(rule.toString()));
    RuleStep done = new RuleStep(3, form, errors, rule, null);
    return done;
  }

  /** An error when the form is a product rule's and the store has no such product. */
  private FieldErrors productErrors(RuleForm form) {
    FieldErrors errors = new FieldErrors();
    Long id = form.getProductId();
    if (id != null && !products.exists(id)) {
      errors.add(
          FieldErrors.GLOBAL,
          "There is no product "
              + id
              + " (it was deleted, or the address was changed by hand), so this rule cannot be "
              + "saved. Open the product and use New Rule on its Integrations tab.");
    }
    return errors;
  }

  private static Trigger trigger(RuleForm form, FieldErrors errors) {
    if (form.getTrigger() == null || form.getTrigger().isEmpty()) {
      errors.add("trigger", "Choose what happens in the store");
      return null;
    }
    try {
      return Trigger.valueOf(form.getTrigger());
    } catch (IllegalArgumentException e) {
      errors.add("trigger", "Choose one of the triggers listed");
      return null;
    }
  }

  private Integration integration(RuleForm form, FieldErrors errors) {
    if (form.getIntegrationId() == null) {
      errors.add("integrationId", "Choose the Kit account (integration)");
      return null;
    }
    try {
      return engine.integrations().get(form.getIntegrationId());
    } catch (IntegrationException e) {
      errors.add("integrationId", "That integration no longer exists; choose another one");
      return null;
    }
  }

  /** Why Add Purchase is not offered for an integration connected with a v4 API key. */
  static String purchasesNeedAnotherCredential(Integration integration) {
    return "'"
        + integration.label()
        + "' is connected with a V4 API key, and Kit records purchases only for a V3 API Secret "
        + "or Kit OAuth. Choose another action, or connect the account with Kit OAuth (or its V3 "
        + "API Secret) to record purchases.";
  }

  private static ActionType action(RuleForm form, Trigger trigger, FieldErrors errors) {
    if (form.getAction() == null || form.getAction().isEmpty()) {
      errors.add("action", "Choose what to do in ConvertKit");
      return null;
    }
    ActionType a;
    try {
      a = ActionType.valueOf(form.getAction());
    } catch (IllegalArgumentException e) {
      errors.add("action", "Choose one of the actions listed");
      return null;
    }
    if (!trigger.allows(a)) {
      errors.add("action", a.refusal(trigger));
      return null;
    }
    return a;
  }

  /**
   * The form or sequence picked for a kind that takes one (with the name the account's list gives
   * it, which the log shows), else null; none picked, or one the list no longer has, is an error
   * beside the picker.
   */
  private static RuleTarget target(
      RuleForm form, Integration integration, ActionType action, FieldErrors errors) {
    if (!action.usesTarget()) return null;
    String word = TargetNames.word(action).toLowerCase(Locale.ROOT);
    if (form.getTargetId() == null) {
      errors.add(
          "targetId",
          "Choose the "
              + word
              + " to subscribe the customer to ("
              + action.displayName()
              + " needs one)");
      return null;
    }
    for (KitListItem item : listOf(integration, action)) {
      if (item.id() == form.getTargetId()) {
        try {
          return RuleTarget.of(item.id(), item.name());
        } catch (IllegalArgumentException e) {
          errors.add("targetId", e.getMessage());
          return null;
        }
      }
    }
    errors.add(
        "targetId",
        "The chosen " + word + " is no longer in the Kit account's list; refresh and pick again");
    return null;
  }

  /** The account's forms or sequences as last fetched, for a kind that takes one. */
  private static List<KitListItem> listOf(Integration integration, ActionType action) {
    return action.takes() == ActionType.Takes.FORM ? integration.forms() : integration.sequences();
  }

  private static List<RuleTag> tags(
      RuleForm form, Integration integration, ActionType action, FieldErrors errors) {
    List<RuleTag> out = new ArrayList<RuleTag>();
    if (!action.usesTags()) return out;
    Map<Long, String> known = new LinkedHashMap<Long, String>();
    Map<String, Long> byName = new LinkedHashMap<String, Long>();
    for (KitTag t : integration.tags()) {
      known.put(t.id(), t.name());
      byName.put(t.name().toLowerCase(Locale.ROOT), t.id());
    }
    Set<String> seen = new LinkedHashSet<String>();
    for (Long id : form.getTagIds()) {
      if (id == null) continue;
      String name = known.get(id);
      if (name == null) {
        errors.add(
            "tags", "A picked tag is no longer in the Kit account's list; refresh and pick again");
        continue;
      }
      RuleTag picked = tag(name, id, "tags", errors);
      if (picked != null && seen.add(picked.key())) out.add(picked);
    }
    List<String> typedNames;
    try {
      typedNames = TypedTagList.parse(form.getNewTags());
    } catch (IllegalArgumentException e) {
      errors.add("newTags", e.getMessage());
      typedNames = new ArrayList<String>();
    }
    for (String typed : typedNames) {
      RuleTag named = tag(typed, null, "newTags", errors);
      if (named == null || !seen.add(named.key())) continue;
      Long id = byName.get(named.key());
      out.add(id == null ? named : tag(known.get(id), id, "newTags", errors));
    }
    if (out.isEmpty() && !errors.has("tags") && !errors.has("newTags")) {
      errors.add("tags", action.displayName() + " needs at least one tag: pick one or type one");
    }
    return out;
  }

  /**
   * The tag, or null with plugin-api's reason beside {@code field}: what a tag name may be is
   * decided there ({@link RuleTag}), once, for the admin and the engine alike.
   */
  private static RuleTag tag(String name, Long kitTagId, String field, FieldErrors errors) {
    try {
      return RuleTag.of(name, kitTagId);
    } catch (IllegalArgumentException e) {
      errors.add(field, e.getMessage());
      return null;
    }
  }

  private RuleStep render(int step, RuleForm form, FieldErrors errors, String notice) {
    form.setStep(step);
    RuleStep s = new RuleStep(step, form, errors, null, notice);
    Trigger trigger = null;
    try {
      trigger = form.getTrigger() == null ? null : Trigger.valueOf(form.getTrigger());
    } catch (IllegalArgumentException ignored) {
      // Shown as not chosen.
    }
    for (Trigger t : Trigger.values()) {
      s.triggers.add(new RuleStep.Option(t.name(), t.displayName(), t == trigger));
    }
    s.triggerName = trigger == null ? null : trigger.displayName();

    List<Integration> all = new ArrayList<Integration>(engine.integrations().list());
    Collections.sort(
        all,
        new Comparator<Integration>() {
          @Override
          public int compare(Integration a, Integration b) {
            return a.label().compareToIgnoreCase(b.label());
          }
        });
    Integration chosen = null;
    for (Integration i : all) {
      boolean sel = form.getIntegrationId() != null && form.getIntegrationId() == i.id();
      if (sel) chosen = i;
      String label =
          i.label()
              + (i.accountName() == null ? "" : " (" + i.accountName() + ")")
              + (i.status() == com.ckengine.engine.IntegrationStatus.NEEDS_ATTENTION
                  ? " - needs attention"
                  : "")
              + (i.canRecordPurchases() ? "" : " - V4 API key: no purchases");
      s.integrations.add(new RuleStep.Option(String.valueOf(i.id()), label, sel));
    }
    s.integrationName = chosen == null ? null : chosen.label();

    ActionType action = null;
    try {
      action = form.getAction() == null ? null : ActionType.valueOf(form.getAction());
    } catch (IllegalArgumentException ignored) {
      // Shown as not chosen.
    }
    for (ActionKind kind : ActionKinds.all()) {
      ActionType a = kind.type();
      if (trigger == null || trigger.allows(a)) {
        s.actions.add(new RuleStep.Option(a.name(), a.displayName(), a == action));
      }
    }
    s.actionName = action == null ? null : action.displayName();
    s.usesTags = action == null || action.usesTags();
    boolean usesTarget = action != null && action.usesTarget();
    s.targetWord = usesTarget ? TargetNames.word(action).toLowerCase(Locale.ROOT) : null;

    if (chosen != null) {
      Set<Long> picked = new LinkedHashSet<Long>(form.getTagIds());
      for (KitTag t : chosen.tags()) {
        s.tags.add(new RuleStep.Option(String.valueOf(t.id()), t.name(), picked.contains(t.id())));
      }
      if (usesTarget) {
        for (KitListItem item : listOf(chosen, action)) {
          boolean sel = form.getTargetId() != null && form.getTargetId() == item.id();
          s.targets.add(new RuleStep.Option(String.valueOf(item.id()), item.name(), sel));
        }
      }
      s.tagsRefreshedAt =
          chosen.tagsFetchedAt() == null ? "never" : Times.format(chosen.tagsFetchedAt());
    }
    return s;
  }
}

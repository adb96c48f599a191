package com.ckengine.admin.screens;

import com.ckengine.api.RuleDefinition;
import com.ckengine.engine.Integration;
import com.ckengine.engine.IntegrationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Global Rules tab: rules for every product, and switching any rule on or off. */
public final class GlobalRules {
  private final IntegrationEngine engine;

  public GlobalRules(IntegrationEngine engine) {
    this.engine = engine;
  }

  /** The global rules, by id. */
  public List<RuleRow> rows() {
    Map<Long, Integration> byId = new IntegrationSetup(engine).integrationsById();
    List<RuleRow> out = new ArrayList<RuleRow>();
    for (RuleDefinition r : engine.rules().list()) if (r.isGlobal()) out.add(new RuleRow(r, byId));
    return out;
  }

  public int integrationCount() {
    return engine.integrations().list().size();
  }

  /** Any rule (global or a product's) by id, or null. */
  public RuleRow row(long id) {
    try {
      return new RuleRow(engine.rules().get(id), new IntegrationSetup(engine).integrationsById());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Switches a rule on or off.
   *
   * @return null when done, else why not (a rule whose integration was deleted cannot be enabled)
   */
  public String setEnabled(long id, boolean enabled) {
    RuleRow row = row(id);
    if (row == null) return "That rule no longer exists";
    if (enabled && row.isIntegrationDeleted()) {
      return "This rule's integration was deleted. Edit the rule and choose another integration "
          + "to use it again.";
    }
    if (row.isEnabled() == enabled) return null;
    try {
      engine.rules().update(row.definition().toBuilder().enabled(enabled).build());
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}

package com.ckengine.admin.screens;

import com.ckengine.api.RuleDefinition;
import com.ckengine.engine.Integration;
import com.ckengine.engine.IntegrationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rules of one product, for its Integrations tab. */
public final class ProductRules {
  private final List<RuleRow> rows = new ArrayList<RuleRow>();
  private final int integrationCount;

  public ProductRules(IntegrationEngine engine, long productId) {
    Map<Long, Integration> byId = new IntegrationSetup(engine).integrationsById();
    for (RuleDefinition r : engine.rules().listForProduct(productId))
      rows.add(new RuleRow(r, byId));
    this.integrationCount = byId.size();
  }

  public List<RuleRow> rows() {
    return rows;
  }

  /** How many integrations exist: with none, New Rule first asks for one. */
  public int integrationCount() {
    return integrationCount;
  }
}

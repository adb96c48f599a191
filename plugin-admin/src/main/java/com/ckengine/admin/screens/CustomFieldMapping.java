package com.ckengine.admin.screens;

import com.ckengine.api.StoreField;
import com.ckengine.engine.FieldMappings;
import com.ckengine.engine.Integration;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.IntegrationException;
import com.ckengine.kit.KitCustomField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings &gt; Integrations, an integration's Custom fields: for each store field, a select of the
 * Kit account's custom fields as last fetched (Refresh reads them again), or none. What a browser
 * posts is checked: a store field this plugin does not have, or a Kit field the account does not
 * have, is refused with its name and nothing is saved.
 */
public final class CustomFieldMapping {
  /** The prefix of each store field's parameter: {@code field.LAST_NAME=last_name}. */
  public static final String PARAM_PREFIX = "field.";

  private final IntegrationEngine engine;

  public CustomFieldMapping(IntegrationEngine engine) {
    this.engine = engine;
  }

  /** One store field's line of the page. */
  public static final class Row {
    private final StoreField field;
    private final String mappedKey;
    private final boolean missing;

    Row(StoreField field, String mappedKey, boolean missing) {
      this.field = field;
      this.mappedKey = mappedKey;
      this.missing = missing;
    }

    /** The parameter the select posts. */
    public String getParam() {
      return PARAM_PREFIX + field.name();
    }

    public String getLabel() {
      return field.label();
    }

    /** The Kit field's key it goes to, or "" when not sent. */
    public String getMappedKey() {
      return mappedKey == null ? "" : mappedKey;
    }

    /** Mapped to a field the account no longer has (after a Refresh): not sent until changed. */
    public boolean isMissing() {
      return missing;
    }
  }

  /** The account's custom fields as last fetched, by label. */
  public List<KitCustomField> accountFields(long integrationId) {
    return engine.integrations().get(integrationId).customFields();
  }

  /**
   * Every store field with what it is mapped to.
   *
   * @throws IntegrationException when there is no such integration
   */
  public List<Row> rows(long integrationId) {
    Integration i = engine.integrations().get(integrationId);
    Map<StoreField, String> mapping = engine.fieldMappings().get(integrationId);
    List<Row> rows = new ArrayList<Row>();
    for (StoreField f : StoreField.values()) {
      String key = mapping.get(f);
      boolean missing = key != null && !has(i.customFields(), key);
      rows.add(new Row(f, key, missing));
    }
    return rows;
  }

  private static boolean has(List<KitCustomField> fields, String key) {
    for (KitCustomField f : fields) if (f.key().equals(key)) return true;
    return false;
  }

  /**
   * Saves what the page posted (other request parameters, such as the CSRF token, are ignored).
   *
   * @return a message saying how many fields are sent, or the errors (nothing saved)
   */
  public Result<String> save(long integrationId, Map<String, String> params) {
    Map<String, String> posted = new LinkedHashMap<String, String>();
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (p.getKey() != null && p.getKey().startsWith(PARAM_PREFIX)) {
        posted.put(p.getKey().substring(PARAM_PREFIX.length()), p.getValue());
      }
    }
    try {
      Map<StoreField, String> mapping = FieldMappings.parse(posted);
      engine.fieldMappings().save(integrationId, mapping);
      int n = mapping.size();
      return Result.ok(
          n == 0
              ? "No store field is sent to Kit's custom fields"
              : n
                  + (n == 1 ? " store field is" : " store fields are")
                  + " sent to Kit's custom fields");
    } catch (IllegalArgumentException | IntegrationException e) {
      return Result.failed(FieldErrors.GLOBAL, e.getMessage());
    }
  }
}

package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.api.StoreField;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An integration's Custom fields page: one select per store field offering the account's fields as
 * last fetched; what it posts is saved (other parameters such as the CSRF token ignored, "" not
 * sent); a store field this plugin does not have or a Kit field the account does not have is
 * refused by name with nothing saved; a field Kit no longer has after a Refresh is shown as such.
 */
class CustomFieldMappingScreenTest {
  private TestEngine t;
  private long id;
  private CustomFieldMapping screen;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    t.sandbox.createCustomField(t.secret, "Last name");
    t.sandbox.createCustomField(t.secret, "City");
    id = t.connectMain().id();
    screen = new CustomFieldMapping(t.engine);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  private static Map<String, String> posted(String... pairs) {
    Map<String, String> m = new HashMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
    return m;
  }

  @Test
  void everyStoreFieldIsOfferedTheAccountsFields() {
    List<CustomFieldMapping.Row> rows = screen.rows(id);
    assertEquals(StoreField.values().length, rows.size());
    assertEquals("field.LAST_NAME", rows.get(0).getParam());
    assertEquals("", rows.get(0).getMappedKey());
    assertEquals(2, screen.accountFields(id).size());
    assertEquals("City", screen.accountFields(id).get(0).label());
  }

  @Test
  void whatThePagePostsIsSaved() {
    Result<String> r =
        screen.save(
            id,
            posted(
                "field.LAST_NAME", "last_name",
                "field.BILLING_CITY", "city",
                "field.PHONE", "",
                "csrfToken", "abc"));
    assertTrue(r.isOk(), r.errors().toString());
    assertEquals("2 store fields are sent to Kit's custom fields", r.value());
    assertEquals("last_name", screen.rows(id).get(0).getMappedKey());
    assertEquals("city", t.engine.fieldMappings().get(id).get(StoreField.BILLING_CITY));
  }

  @Test
  void anUnknownStoreFieldOrKitFieldIsRefusedAndNothingSaved() {
    Result<String> unknownStore =
        screen.save(id, posted("field.LAST_NAME", "last_name", "field.SHOE_SIZE", "city"));
    assertFalse(unknownStore.isOk());
    assertEquals("no such store field: SHOE_SIZE", unknownStore.errors().get(FieldErrors.GLOBAL));

    Result<String> unknownKit = screen.save(id, posted("field.PHONE", "phone"));
    assertFalse(unknownKit.isOk());
    assertTrue(
        unknownKit.errors().get(FieldErrors.GLOBAL).contains("no custom field 'phone'"),
        unknownKit.errors().toString());
    assertTrue(t.engine.fieldMappings().get(id).isEmpty(), "nothing saved");
  }

  @Test
  void aFieldKitNoLongerHasIsShownAfterARefresh() {
    assertTrue(screen.save(id, posted("field.BILLING_CITY", "city")).isOk());
    t.sandbox.deleteCustomField(t.secret, "city");
    assertTrue(new IntegrationSetup(t.engine).refreshTags(id).isOk());
    CustomFieldMapping.Row city = screen.rows(id).get(StoreField.BILLING_CITY.ordinal());
    assertTrue(city.isMissing());
    assertEquals("city", city.getMappedKey());
  }
}

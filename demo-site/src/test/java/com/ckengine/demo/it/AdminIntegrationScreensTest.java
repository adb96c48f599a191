package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.launcher.DemoServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin screens' controllers in the real admin over HTTP: validation, the secret never going
 * back to a page, escaping, CSRF and the permissions enforced on the server (not only hidden
 * buttons).
 */
class AdminIntegrationScreensTest {
  private static final Pattern LIST_ROW = Pattern.compile("/ckengine-integrations/(\\d+)/edit");

  /** The Settings > Integrations link of the admin's left menu. */
  private static final String MENU_ENTRY = "<a href=\"/admin/ckengine-integrations\">";

  private static DemoServer demo;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
    AdminUsers.seed(demo);
  }

  static WebClient login(String user, String password) throws Exception {
    WebClient admin = new WebClient(demo.adminUrl());
    admin.get("/login");
    HttpResponse<String> r =
        admin.post("/login_admin_post", Map.of("j_username", user, "j_password", password));
    assertTrue(admin.redirectPath(r).contains("loginSuccess"), admin.redirectPath(r));
    return admin;
  }

  /** An account of each test's own: a Kit account is connected once. */
  private String secret;

  @org.junit.jupiter.api.BeforeEach
  void account() {
    secret =
        com.ckengine.sandbox.DemoAccount.createAnother(
            demo.kitSandbox(),
            "screens-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com");
  }

  @Test
  void aWrongSecretIsRefusedBesideTheFieldAndNeverComesBack() throws Exception {
    WebClient admin = login(DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    HttpResponse<String> list = admin.get("/ckengine-integrations");
    assertEquals(200, list.statusCode(), list.body());
    assertTrue(list.body().contains("Integration Setup"), "the section renders");

    admin.get("/ckengine-integrations/new");
    String wrong = "sandbox_wrong_" + System.nanoTime();
    HttpResponse<String> refused =
        admin.post(
            "/ckengine-integrations/new",
            Map.of("provider", "CONVERTKIT", "label", "Refused account", "apiSecret", wrong));
    assertEquals(200, refused.statusCode(), "the form comes back, not a redirect");
    assertTrue(refused.body().contains("id=\"ck-secret-error\""), "the error is beside the secret");
    assertTrue(refused.body().contains("Kit did not accept this credential"), refused.body());
    assertTrue(refused.body().contains("value=\"Refused account\""), "the label is kept");
    assertFalse(refused.body().contains(wrong), "the secret is not sent back");
    assertFalse(admin.get("/ckengine-integrations").body().contains("Refused account"));

    admin.get("/ckengine-integrations/new");
    HttpResponse<String> empty =
        admin.post(
            "/ckengine-integrations/new",
            Map.of("provider", "CONVERTKIT", "label", " ", "apiSecret", ""));
    assertTrue(empty.body().contains("id=\"ck-label-error\""), "an empty label is refused");
    assertTrue(empty.body().contains("id=\"ck-secret-error\""), "an empty secret is refused");
  }

  @Test
  void connectRenameEscapeAndDeleteKeepsRulesDisabled() throws Exception {
    WebClient admin = login(DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    admin.get("/ckengine-integrations/new");
    HttpResponse<String> connected =
        admin.post(
            "/ckengine-integrations/new",
            Map.of(
                "provider",
                "CONVERTKIT",
                "label",
                "HTTP test <b>account</b>",
                "apiSecret",
                secret));
    assertEquals(302, connected.statusCode(), connected.body());
    String list = admin.get("/ckengine-integrations").body();
    assertTrue(list.contains("HTTP test &lt;b&gt;account&lt;/b&gt;"), "the label is escaped");
    assertFalse(list.contains("<b>account</b>"));
    assertFalse(list.contains(secret), "the secret is never shown");
    long id = idOf(list, "HTTP test &lt;b&gt;account&lt;/b&gt;");

    // A duplicate label is refused beside the label, case ignored.
    admin.get("/ckengine-integrations/new");
    HttpResponse<String> dup =
        admin.post(
            "/ckengine-integrations/new",
            Map.of(
                "provider",
                "CONVERTKIT",
                "label",
                "http test <B>ACCOUNT</B>",
                "apiSecret",
                secret));
    assertTrue(dup.body().contains("id=\"ck-label-error\""), dup.body());

    // A tag named like markup shows as text in the rule steps.
    demo.kitSandbox().createTag(secret, "<script>alert('tag')</script>");
    admin.get("/ckengine-integrations");
    HttpResponse<String> refreshed =
        admin.post("/ckengine-integrations/" + id + "/refresh", Map.of());
    assertEquals(302, refreshed.statusCode());
    assertTrue(admin.get("/ckengine-integrations").body().contains("Refreshed the tags"));
    admin.get("/ckengine-integrations/rules/new");
    admin.post(
        "/ckengine-integrations/rules/form", Map.of("step", "1", "trigger", "PRODUCT_PURCHASED"));
    HttpResponse<String> tags =
        admin.post(
            "/ckengine-integrations/rules/form",
            Map.of(
                "step",
                "2",
                "trigger",
                "PRODUCT_PURCHASED",
                "integrationId",
                String.valueOf(id),
                "action",
                "ADD_TAG"));
    assertTrue(
        tags.body().contains("&lt;script&gt;alert(&#39;tag&#39;)&lt;/script&gt;")
            || tags.body().contains("&lt;script&gt;alert('tag')&lt;/script&gt;"),
        tags.body());
    assertFalse(tags.body().contains("<script>alert('tag')"), "no markup from Kit runs");

    // Add Purchase is refused for a trigger where no money was taken, beside the action.
    HttpResponse<String> refusedAction =
        admin.post(
            "/ckengine-integrations/rules/form",
            Map.of(
                "step",
                "2",
                "trigger",
                "PRODUCT_REFUNDED",
                "integrationId",
                String.valueOf(id),
                "action",
                "ADD_PURCHASE"));
    assertTrue(refusedAction.body().contains("id=\"ck-action-error\""), refusedAction.body());

    HttpResponse<String> saved =
        admin.post(
            "/ckengine-integrations/rules/form",
            Map.of(
                "step",
                "3",
                "move",
                "SAVE",
                "trigger",
                "PRODUCT_PURCHASED",
                "integrationId",
                String.valueOf(id),
                "action",
                "ADD_TAG",
                "newTags",
                "http-test-buyer"));
    assertEquals(302, saved.statusCode(), saved.body());
    String rulesPage = admin.get("/ckengine-integrations/rules").body();
    assertTrue(rulesPage.contains("http-test-buyer"));
    long ruleId = ruleIdOf(rulesPage, "http-test-buyer");

    // Edit walks the same steps, filled in; Disable and Delete ask first.
    HttpResponse<String> edit = admin.get("/ckengine-integrations/rules/" + ruleId + "/edit");
    assertEquals(200, edit.statusCode(), edit.body());
    assertTrue(edit.body().contains("Edit Rule"));
    HttpResponse<String> askState = admin.get("/ckengine-integrations/rules/" + ruleId + "/state");
    assertEquals(200, askState.statusCode(), askState.body());
    assertTrue(askState.body().contains("Disable this rule?"));
    assertEquals(
        302,
        admin
            .post("/ckengine-integrations/rules/" + ruleId + "/state", Map.of("enabled", "false"))
            .statusCode());
    assertTrue(admin.get("/ckengine-integrations/rules").body().contains(">Disabled<"));
    admin.get("/ckengine-integrations/rules");
    assertEquals(
        302,
        admin
            .post("/ckengine-integrations/rules/" + ruleId + "/state", Map.of("enabled", "true"))
            .statusCode());
    HttpResponse<String> askDelete =
        admin.get("/ckengine-integrations/rules/" + ruleId + "/delete");
    assertEquals(200, askDelete.statusCode(), askDelete.body());
    assertTrue(askDelete.body().contains("http-test-buyer"));

    // Edit page of the integration: rename, and a wrong replacement secret beside its field.
    HttpResponse<String> editIntegration = admin.get("/ckengine-integrations/" + id + "/edit");
    assertEquals(200, editIntegration.statusCode(), editIntegration.body());
    HttpResponse<String> wrongReplacement =
        admin.post("/ckengine-integrations/" + id + "/secret", Map.of("apiSecret", "nope-" + id));
    assertTrue(wrongReplacement.body().contains("id=\"ck-secret-error\""));
    assertFalse(wrongReplacement.body().contains("nope-" + id));

    // Logs: a search with bad dates says so beside the field; an email that got nothing says why.
    HttpResponse<String> badDate = admin.get("/ckengine-integrations/logs?from=yesterday");
    assertEquals(200, badDate.statusCode());
    assertTrue(badDate.body().contains("id=\"ck-log-from-error\""));
    HttpResponse<String> nothing =
        admin.get("/ckengine-integrations/logs?email=nobody.at.all%40example.com&status=FAILED");
    String why = elementText(nothing.body(), "ck-log-empty");
    assertTrue(
        why.contains("Nothing was logged for nobody.at.all@example.com with these filters"), why);
    assertTrue(why.contains("no rule matched"), why);
    assertTrue(why.contains("no store event with this email reached the plugin"), why);

    HttpResponse<String> confirm = admin.get("/ckengine-integrations/" + id + "/delete");
    assertTrue(confirm.body().contains("http-test-buyer"), "the confirmation names the rule");
    HttpResponse<String> deleted = admin.post("/ckengine-integrations/" + id + "/delete", Map.of());
    assertEquals(302, deleted.statusCode());
    String rules = admin.get("/ckengine-integrations/rules").body();
    assertTrue(rules.contains("http-test-buyer"), "the rule is kept");
    assertTrue(rules.contains("Disabled: its integration was deleted"), rules);
  }

  @Test
  void aPostWithoutTheCsrfTokenChangesNothing() throws Exception {
    WebClient admin = login(DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    admin.get("/ckengine-integrations/new");
    HttpResponse<String> r =
        admin.post(
            "/ckengine-integrations/new",
            Map.of(
                "csrfToken",
                "forged",
                "provider",
                "CONVERTKIT",
                "label",
                "No token",
                "apiSecret",
                secret));
    assertNotEquals(302, r.statusCode());
    assertFalse(admin.get("/ckengine-integrations").body().contains("No token"));
  }

  @Test
  void aViewerSeesButCannotChange() throws Exception {
    WebClient viewer = login(AdminUsers.VIEWER, AdminUsers.VIEWER);
    HttpResponse<String> list = viewer.get("/ckengine-integrations");
    assertEquals(200, list.statusCode(), list.body());
    assertFalse(list.body().contains("ck-new-integration\""), "no New Integration button");
    assertEquals(200, viewer.get("/ckengine-integrations/rules").statusCode());
    assertEquals(200, viewer.get("/ckengine-integrations/logs").statusCode());
    assertEquals(403, viewer.get("/ckengine-integrations/new").statusCode());

    viewer.get("/product/101"); // a page with a form, for a valid CSRF token
    HttpResponse<String> post =
        viewer.post(
            "/ckengine-integrations/new",
            Map.of("provider", "CONVERTKIT", "label", "Viewer was here", "apiSecret", secret));
    assertEquals(403, post.statusCode(), "refused on the server, not just hidden");
    WebClient admin = login(DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    assertFalse(admin.get("/ckengine-integrations").body().contains("Viewer was here"));

    String product = viewer.get("/product/101").body();
    assertTrue(product.contains("id=\"ck-product-rules\""), "the viewer sees the product tab");
    assertFalse(product.contains("ck-product-new-rule"), "without New Rule");
  }

  @Test
  void aUserWithoutThePermissionSeesNeitherSectionNorTab() throws Exception {
    WebClient merch = login(AdminUsers.MERCHANDISER, AdminUsers.MERCHANDISER);
    HttpResponse<String> product = merch.get("/product/101");
    assertEquals(200, product.statusCode());
    assertFalse(product.body().contains("ck-product-rules"), "no Integrations tab");
    assertFalse(product.body().contains(MENU_ENTRY), "no menu entry");
    assertEquals(403, merch.get("/ckengine-integrations").statusCode());
    assertEquals(403, merch.get("/ckengine-integrations/logs").statusCode());

    WebClient admin = login(DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    String adminProduct = admin.get("/product/101").body();
    assertTrue(adminProduct.contains(MENU_ENTRY), "the admin has the menu entry");
    assertTrue(adminProduct.contains("id=\"ck-product-rules\""), "and the tab");
  }

  /** Kit's message, with markup in it */
  private static final String KIT_MARKUP = "<script>alert('kit')</script>";

  @Test
  void kitsMessageWithMarkupShowsAsTextAndTheLogFiltersFindTheEntry() throws Exception {
    String suffix = suffix();
    WebClient admin = login(DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    long id = connect(admin, "Markup " + suffix);
    long customer = demo.kitSandbox().tagId(secret, "Customer");
    long ruleId = -1;
    try {
      admin.get("/ckengine-integrations/rules/new");
      HttpResponse<String> saved =
          admin.post(
              "/ckengine-integrations/rules/form",
              Map.of(
                  "step", "3",
                  "move", "SAVE",
                  "trigger", "PRODUCT_PURCHASED",
                  "integrationId", String.valueOf(id),
                  "action", "ADD_TAG",
                  "tagIds", String.valueOf(customer)));
      assertEquals(302, saved.statusCode(), saved.body());
      ruleId = ruleIdOf(admin.get("/ckengine-integrations/rules").body(), "Markup " + suffix);
      // The storefront's engine reads rule changes every 5 s.
      Thread.sleep(6000);

      // Kit refuses the account's next call with markup in its message.
      demo.kitSandbox().failNextFor(secret, 1, 422, KIT_MARKUP);
      String email = "markup." + suffix + "@example.com";
      String order = buy(email, "101");
      String failedPage =
          waitForPage(
              admin,
              "/ckengine-integrations/logs?status=FAILED&email=" + email,
              "data-status=\"FAILED\"");
      assertEscaped(failedPage);
      Matcher entry = Pattern.compile("data-entry-id=\"(\\d+)\"").matcher(failedPage);
      assertTrue(entry.find(), failedPage);
      long entryId = Long.parseLong(entry.group(1));
      HttpResponse<String> entryPage = admin.get("/ckengine-integrations/logs/" + entryId);
      assertEquals(200, entryPage.statusCode());
      assertTrue(entryPage.body().contains("id=\"ck-entry-answer\""));
      assertEscaped(entryPage.body());

      // Retry without the CSRF token changes nothing: the entry stays FAILED.
      HttpResponse<String> forgedRetry =
          admin.post("/ckengine-integrations/logs/" + entryId + "/retry", Map.of("csrfToken", ""));
      assertNotEquals(302, forgedRetry.statusCode());
      Thread.sleep(1500); // what a queued retry would take to be delivered (polled every 200 ms)
      assertTrue(
          elementText(admin.get("/ckengine-integrations/logs/" + entryId).body(), "ck-entry-status")
              .equals("FAILED"),
          "a retry without the token was not queued");
      assertFalse(
          demo.kitSandbox().subscriberTags(secret, email).contains("Customer"),
          "nothing was sent again");

      // The filters, each finding this entry, and a filter that leaves it out.
      String row = "data-entry-id=\"" + entryId + "\"";
      assertTrue(logs(admin, "reference=" + order).contains(row), "by order number");
      assertTrue(
          logs(admin, "email=" + email + "&trigger=PRODUCT_PURCHASED").contains(row), "by trigger");
      assertFalse(
          logs(admin, "email=" + email + "&trigger=PRODUCT_REFUNDED").contains(row),
          "another trigger leaves it out");
      String byIntegration = logs(admin, "integrationId=" + id);
      assertTrue(byIntegration.contains(row), "by integration");
      assertEquals(
          countOf(byIntegration, "class=\"ck-log-row\""),
          countOf(byIntegration, "<td>Markup " + suffix + "</td>"),
          "only this integration's entries");
      java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
      assertTrue(
          logs(admin, "email=" + email + "&from=" + today.minusDays(1) + "&to=" + today.plusDays(1))
              .contains(row),
          "by date range");
      String before =
          logs(
              admin,
              "email=" + email + "&from=" + today.minusDays(9) + "&to=" + today.minusDays(1));
      assertFalse(before.contains(row), "a range that ended yesterday leaves it out");
      assertTrue(elementText(before, "ck-log-empty").contains("Nothing was logged for " + email));

      // Delete the global rule: asked first, then gone.
      HttpResponse<String> ask = admin.get("/ckengine-integrations/rules/" + ruleId + "/delete");
      assertTrue(ask.body().contains("Delete this rule?"), ask.body());
      HttpResponse<String> deleted =
          admin.post("/ckengine-integrations/rules/" + ruleId + "/delete", Map.of());
      assertEquals(302, deleted.statusCode(), deleted.body());
      assertEquals("/ckengine-integrations/rules", admin.redirectPath(deleted));
      assertFalse(
          admin
              .get("/ckengine-integrations/rules")
              .body()
              .contains("data-rule-id=\"" + ruleId + "\""),
          "the rule is gone");
      assertEquals(
          302,
          admin.get("/ckengine-integrations/rules/" + ruleId + "/edit").statusCode(),
          "its edit page sends back to the list");
      ruleId = -1;
    } finally {
      if (ruleId > 0) {
        admin.get("/ckengine-integrations/rules/" + ruleId + "/delete");
        admin.post("/ckengine-integrations/rules/" + ruleId + "/delete", Map.of());
      }
      deleteIntegration(admin, id);
    }
  }

  @Test
  void aProductRuleIsEditedDisabledAndDeletedFromTheProductTab() throws Exception {
    String suffix = suffix();
    WebClient admin = login(DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    long id = connect(admin, "Product tab " + suffix);
    String product = "/product/102";
    String tag = "refund-" + suffix;

    admin.get("/ckengine-integrations/rules/new?productId=102");
    HttpResponse<String> created =
        admin.post(
            "/ckengine-integrations/rules/form",
            Map.of(
                "step", "3",
                "move", "SAVE",
                "productId", "102",
                "trigger", "PRODUCT_REFUNDED",
                "integrationId", String.valueOf(id),
                "action", "ADD_TAG",
                "newTags", tag));
    assertEquals(302, created.statusCode(), created.body());
    assertEquals(product, admin.redirectPath(created), "back to the product");
    long ruleId = ruleIdOf(admin.get(product).body(), tag);
    assertFalse(
        admin.get("/ckengine-integrations/rules").body().contains("data-rule-id=\"" + ruleId),
        "a product rule is not a global rule");

    // Edit, from the tab's Edit link: same steps, back to the product.
    HttpResponse<String> edit = admin.get("/ckengine-integrations/rules/" + ruleId + "/edit");
    assertEquals(200, edit.statusCode());
    assertTrue(
        Pattern.compile("name=\"productId\"[^>]*value=\"102\"").matcher(edit.body()).find(),
        "the form keeps the product");
    HttpResponse<String> edited =
        admin.post(
            "/ckengine-integrations/rules/form",
            Map.of(
                "step", "3",
                "move", "SAVE",
                "ruleId", String.valueOf(ruleId),
                "productId", "102",
                "trigger", "PRODUCT_REFUNDED",
                "integrationId", String.valueOf(id),
                "action", "ADD_TAG",
                "newTags", tag + "-edited"));
    assertEquals(302, edited.statusCode(), edited.body());
    assertEquals(product, admin.redirectPath(edited));
    String afterEdit = admin.get(product).body();
    assertEquals(ruleId, ruleIdOf(afterEdit, tag + "-edited"), "the same rule, edited");

    // Disable, from the tab's Disable link (a confirm page: the tab cannot hold a form).
    HttpResponse<String> askState = admin.get("/ckengine-integrations/rules/" + ruleId + "/state");
    assertTrue(askState.body().contains("Disable this rule?"));
    assertSummaryTable(askState.body(), tag + "-edited");
    HttpResponse<String> disabled =
        admin.post("/ckengine-integrations/rules/" + ruleId + "/state", Map.of("enabled", "false"));
    assertEquals(302, disabled.statusCode());
    assertEquals(product, admin.redirectPath(disabled));
    assertTrue(rowOf(admin.get(product).body(), ruleId).contains(">Disabled<"));

    // Delete without the CSRF token: nothing happens.
    admin.get("/ckengine-integrations/rules/" + ruleId + "/delete");
    HttpResponse<String> forged =
        admin.post(
            "/ckengine-integrations/rules/" + ruleId + "/delete", Map.of("csrfToken", "forged"));
    assertNotEquals(302, forged.statusCode());
    assertTrue(admin.get(product).body().contains("data-rule-id=\"" + ruleId + "\""));

    // Delete, from the tab's Delete link: asked first, gone afterwards, back to the product.
    HttpResponse<String> ask = admin.get("/ckengine-integrations/rules/" + ruleId + "/delete");
    assertTrue(ask.body().contains("Delete this rule?"));
    assertSummaryTable(ask.body(), tag + "-edited");
    HttpResponse<String> deleted =
        admin.post("/ckengine-integrations/rules/" + ruleId + "/delete", Map.of());
    assertEquals(302, deleted.statusCode());
    assertEquals(product, admin.redirectPath(deleted));
    assertFalse(admin.get(product).body().contains("data-rule-id=\"" + ruleId + "\""));
    deleteIntegration(admin, id);
  }

  @Test
  void aRefusedSecretNeedsAttentionUntilReplacedAndRenameWorks() throws Exception {
    String suffix = suffix();
    WebClient admin = login(DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    String label = "Attention " + suffix;
    long id = connect(admin, label);

    // Kit now refuses the stored secret (the owner made a new one in Kit).
    String fresh = demo.kitSandbox().rotateSecret(secret);
    admin.get("/ckengine-integrations");
    HttpResponse<String> refresh =
        admin.post("/ckengine-integrations/" + id + "/refresh", Map.of());
    assertEquals(302, refresh.statusCode());
    String list = admin.get("/ckengine-integrations").body();
    assertTrue(elementText(list, "ck-error").contains("API Key not valid"), list);
    String row = integrationRowOf(list, label);
    assertTrue(row.contains("Needs attention"), row);
    assertTrue(row.contains("Kit refused the API secret: API Key not valid"), row);
    assertTrue(
        row.contains("Choose Edit and paste the account&#39;s current")
            || row.contains("Choose Edit and paste the account's current"),
        row);

    HttpResponse<String> edit = admin.get("/ckengine-integrations/" + id + "/edit");
    assertTrue(edit.body().contains("Needs attention:"), edit.body());

    // Without the CSRF token the new secret is not taken.
    HttpResponse<String> forged =
        admin.post(
            "/ckengine-integrations/" + id + "/secret",
            Map.of("csrfToken", "", "apiSecret", fresh));
    assertNotEquals(302, forged.statusCode());
    assertTrue(
        integrationRowOf(admin.get("/ckengine-integrations").body(), label)
            .contains("Needs attention"));

    admin.get("/ckengine-integrations/" + id + "/edit");
    HttpResponse<String> replaced =
        admin.post("/ckengine-integrations/" + id + "/secret", Map.of("apiSecret", fresh));
    assertEquals(302, replaced.statusCode(), replaced.body());
    list = admin.get("/ckengine-integrations").body();
    assertTrue(elementText(list, "ck-notice").contains("Replaced the credential"), list);
    row = integrationRowOf(list, label);
    assertTrue(row.contains(">Connected<"), row);
    assertFalse(row.contains("Needs attention"), row);
    assertFalse(list.contains(fresh), "the new secret is not shown either");

    // Rename: without the token nothing changes; with it, the new label is listed.
    String renamed = "Renamed " + suffix;
    admin.get("/ckengine-integrations/" + id + "/edit");
    assertNotEquals(
        302,
        admin
            .post(
                "/ckengine-integrations/" + id + "/rename",
                Map.of("csrfToken", "", "label", renamed))
            .statusCode());
    assertFalse(admin.get("/ckengine-integrations").body().contains(renamed));
    admin.get("/ckengine-integrations/" + id + "/edit");
    HttpResponse<String> rename =
        admin.post("/ckengine-integrations/" + id + "/rename", Map.of("label", renamed));
    assertEquals(302, rename.statusCode(), rename.body());
    list = admin.get("/ckengine-integrations").body();
    assertTrue(
        elementText(list, "ck-notice").contains("Renamed to '" + renamed + "'")
            || elementText(list, "ck-notice").contains("Renamed to &#39;" + renamed + "&#39;"),
        list);
    assertEquals(id, idOf(list, renamed));
    assertFalse(list.contains("data-label=\"" + label + "\""), "the old label is gone");
    deleteIntegration(admin, id);
  }

  @Test
  void postsWithoutTheCsrfTokenChangeNothing() throws Exception {
    String suffix = suffix();
    WebClient admin = login(DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    String label = "Csrf " + suffix;
    long id = connect(admin, label);
    String tag = "csrf-" + suffix;
    admin.get("/ckengine-integrations/rules/new");
    Map<String, String> rule =
        Map.of(
            "step", "3",
            "move", "SAVE",
            "trigger", "PRODUCT_REFUNDED",
            "integrationId", String.valueOf(id),
            "action", "ADD_TAG",
            "newTags", tag);
    Map<String, String> noToken = new java.util.HashMap<>(rule);
    noToken.put("csrfToken", "");
    assertNotEquals(302, admin.post("/ckengine-integrations/rules/form", noToken).statusCode());
    assertFalse(admin.get("/ckengine-integrations/rules").body().contains(tag), "no rule made");
    admin.get("/ckengine-integrations/rules/new");
    assertEquals(302, admin.post("/ckengine-integrations/rules/form", rule).statusCode());
    long ruleId = ruleIdOf(admin.get("/ckengine-integrations/rules").body(), tag);

    // Refresh: a tag made in Kit meanwhile is not picked up without the token.
    int tags = tagCount(admin.get("/ckengine-integrations").body(), label);
    demo.kitSandbox().createTag(secret, "csrf-new-" + suffix);
    String[][] refused = {
      {"/ckengine-integrations/" + id + "/refresh"},
      {"/ckengine-integrations/rules/" + ruleId + "/state", "enabled", "false"},
      {"/ckengine-integrations/rules/" + ruleId + "/delete"},
      {"/ckengine-integrations/" + id + "/delete"},
    };
    for (String[] post : refused) {
      admin.get("/ckengine-integrations");
      Map<String, String> form = new java.util.HashMap<>();
      form.put("csrfToken", "");
      for (int i = 1; i + 1 < post.length; i += 2) form.put(post[i], post[i + 1]);
      assertNotEquals(302, admin.post(post[0], form).statusCode(), post[0]);
    }
    String list = admin.get("/ckengine-integrations").body();
    assertEquals(id, idOf(list, label), "the integration is not deleted");
    assertEquals(tags, tagCount(list, label), "the tags were not refreshed");
    String rules = admin.get("/ckengine-integrations/rules").body();
    assertTrue(
        rowOf(rules, ruleId).contains(">Enabled<"), "the rule is neither disabled nor deleted");

    // The same posts with the token do change things (so the checks above can fail).
    admin.get("/ckengine-integrations");
    assertEquals(
        302, admin.post("/ckengine-integrations/" + id + "/refresh", Map.of()).statusCode());
    assertEquals(tags + 1, tagCount(admin.get("/ckengine-integrations").body(), label));
    admin.get("/ckengine-integrations/rules/" + ruleId + "/delete");
    assertEquals(
        302,
        admin.post("/ckengine-integrations/rules/" + ruleId + "/delete", Map.of()).statusCode());
    admin.get("/ckengine-integrations/" + id + "/delete");
    assertEquals(
        302, admin.post("/ckengine-integrations/" + id + "/delete", Map.of()).statusCode());
    assertFalse(admin.get("/ckengine-integrations").body().contains("data-label=\"" + label));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static String suffix() {
    return java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /** Connects this test's Kit account under {@code label}; returns the integration's id. */
  private long connect(WebClient admin, String label) throws Exception {
    admin.get("/ckengine-integrations/new");
    HttpResponse<String> connected =
        admin.post(
            "/ckengine-integrations/new",
            Map.of("provider", "CONVERTKIT", "label", label, "apiSecret", secret));
    assertEquals(302, connected.statusCode(), connected.body());
    return idOf(admin.get("/ckengine-integrations").body(), label);
  }

  /**
   * Deletes a test's integration, so the journey's screenshots (the same demo) show only its own.
   */
  private static void deleteIntegration(WebClient admin, long id) throws Exception {
    admin.get("/ckengine-integrations/" + id + "/delete");
    assertEquals(
        302, admin.post("/ckengine-integrations/" + id + "/delete", Map.of()).statusCode());
  }

  /** Buys a product on the storefront over HTTP; returns the order number. */
  private static String buy(String email, String productId) throws Exception {
    WebClient shopper = new WebClient(demo.storeUrl());
    shopper.get("/");
    assertEquals(
        302,
        shopper.post("/cart/add", Map.of("productId", productId, "quantity", "1")).statusCode());
    shopper.get("/checkout");
    HttpResponse<String> placed =
        shopper.post("/checkout", Map.of("email", email, "firstName", "Markup"));
    assertEquals(302, placed.statusCode(), placed.body());
    return shopper.redirectPath(placed).substring("/confirmation/".length());
  }

  private static String logs(WebClient admin, String query) throws Exception {
    HttpResponse<String> r = admin.get("/ckengine-integrations/logs?" + query);
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  private static String waitForPage(WebClient admin, String path, String wanted) throws Exception {
    long until = System.currentTimeMillis() + 90_000;
    while (true) {
      String body = admin.get(path).body();
      if (body.contains(wanted)) return body;
      if (System.currentTimeMillis() > until) {
        throw new AssertionError("no " + wanted + " on " + path + " in time:\n" + body);
      }
      Thread.sleep(500);
    }
  }

  /** Kit's markup is on the page as text, never as markup. */
  private static void assertEscaped(String html) {
    assertTrue(
        html.contains("&lt;script&gt;alert(&#39;kit&#39;)&lt;/script&gt;")
            || html.contains("&lt;script&gt;alert('kit')&lt;/script&gt;"),
        "Kit's message shown as text:\n" + html);
    assertFalse(html.contains(KIT_MARKUP), "Kit's markup is never on the page as markup");
  }

  /** The text of the element with this id (its content up to the first tag inside). */
  private static String elementText(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)").matcher(html);
    assertTrue(m.find(), "#" + id + " in\n" + html);
    return m.group(1).trim().replaceAll("\\s+", " ").replace("&quot;", "\"");
  }

  /**
   * The confirm pages show the rule as a table of its own (rows outside a table would be dropped by
   * the browser's parser and the text run together).
   */
  private static void assertSummaryTable(String page, String tag) {
    Matcher m =
        Pattern.compile("<table[^>]*id=\"ck-rule-summary\"[^>]*>(.*?)</table>", Pattern.DOTALL)
            .matcher(page);
    assertTrue(m.find(), "the rule summary table in\n" + page);
    assertTrue(m.group(1).contains("<th>Scope</th>"), m.group(1));
    assertTrue(m.group(1).contains("Product 102"), m.group(1));
    assertTrue(m.group(1).contains(tag), m.group(1));
  }

  private static String integrationRowOf(String listPage, String label) {
    int at = listPage.indexOf("data-label=\"" + label + "\"");
    assertTrue(at >= 0, "row of " + label + " in\n" + listPage);
    return listPage.substring(at, listPage.indexOf("</tr>", at));
  }

  private static int tagCount(String listPage, String label) {
    Matcher m = Pattern.compile("(\\d+) tags?<").matcher(integrationRowOf(listPage, label));
    assertTrue(m.find(), "the tag count of " + label);
    return Integer.parseInt(m.group(1));
  }

  private static String rowOf(String page, long ruleId) {
    int at = page.indexOf("data-rule-id=\"" + ruleId + "\"");
    assertTrue(at >= 0, "rule " + ruleId + " in\n" + page);
    return page.substring(at, page.indexOf("</tr>", at));
  }

  private static int countOf(String page, String what) {
    int n = 0;
    for (int at = page.indexOf(what); at >= 0; at = page.indexOf(what, at + 1)) n++;
    return n;
  }

  private static long ruleIdOf(String rulesPage, String tag) {
    Matcher m = Pattern.compile("data-rule-id=\"(\\d+)\"").matcher(rulesPage);
    long found = -1;
    while (m.find()) {
      int end = rulesPage.indexOf("</tr>", m.end());
      if (rulesPage.substring(m.end(), end).contains(tag)) found = Long.parseLong(m.group(1));
    }
    assertTrue(found > 0, "a rule with " + tag + " in\n" + rulesPage);
    return found;
  }

  private static long idOf(String listPage, String escapedLabel) {
    int at = listPage.indexOf("data-label=\"" + escapedLabel + "\"");
    assertTrue(at >= 0, "row of " + escapedLabel + " in\n" + listPage);
    Matcher m = LIST_ROW.matcher(listPage);
    assertTrue(m.find(at), "the row has an Edit link");
    return Long.parseLong(m.group(1));
  }
}

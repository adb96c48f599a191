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
    assertTrue(refused.body().contains("Kit did not accept this API secret"), refused.body());
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
    assertTrue(nothing.body().contains("id=\"ck-log-empty\""), nothing.body());

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

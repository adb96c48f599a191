package com.ckengine.kit;

import static com.ckengine.kit.V4TestServer.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The list calls behind the wizard's form and sequence pickers, per credential: a V4 API key and an
 * OAuth token read every cursor page of {@code GET /v4/forms} and {@code GET /v4/sequences} with
 * their own header; a v3 secret reads {@code GET /v3/sequences}'s {@code courses}; a refused
 * credential or a page that fails is the list's failure, never a part list.
 */
class KitClientFormAndSequenceListsTest {
  private static final String KEY_TEXT = "kit_v4key_lists_5c4d";
  private static final String TOKEN_TEXT = "oauth-access-token-lists-7e8f";
  private static final String SECRET_TEXT = "sk_v3_lists_secret_1a2b";

  @Test
  void aV4KeyReadsEverySequencePageWithItsKeyHeader() throws Exception {
    try (V4TestServer kit = new V4TestServer()) {
      kit.answer(
          200,
          "{\"sequences\":[{\"id\":21,\"name\":\"Welcome series\",\"hold\":false,"
              + "\"repeat\":false,\"created_at\":\"2023-02-17T11:43:55Z\"}],\"pagination\":{"
              + "\"has_previous_page\":false,\"has_next_page\":true,\"start_cursor\":\"WzFd\","
              + "\"end_cursor\":\"WzFd\",\"per_page\":1000}}");
      kit.answer(
          200,
          "{\"sequences\":[{\"id\":22,\"name\":\"Onboarding\",\"hold\":true,"
              + "\"repeat\":false,\"created_at\":\"2023-02-18T11:43:55Z\"}],\"pagination\":{"
              + "\"has_previous_page\":true,\"has_next_page\":false,\"start_cursor\":\"WzJd\","
              + "\"end_cursor\":\"WzJd\",\"per_page\":1000}}");

      KitResult<List<KitListItem>> r =
          kit.client.list(KitCredential.v4ApiKey(KEY_TEXT), Subscribable.SEQUENCE);

      assertTrue(r.isSuccess(), String.valueOf(r));
      assertEquals(
          Arrays.asList(new KitListItem(21, "Welcome series"), new KitListItem(22, "Onboarding")),
          r.value());
      RecordedRequest first = kit.taken();
      assertEquals("GET /v4/sequences?per_page=1000", line(first));
      assertEquals(KEY_TEXT, first.getHeaders().get("X-Kit-Api-Key"));
      assertNull(first.getHeaders().get("Authorization"));
      assertEquals("GET /v4/sequences?per_page=1000&after=WzFd", line(kit.taken()));
    }
  }

  @Test
  void anOAuthTokenListsFormsAndSequencesWithItsBearerHeader() throws Exception {
    try (V4TestServer kit = new V4TestServer()) {
      KitCredential token = KitCredential.oauthToken(TOKEN_TEXT, "oauth:1");
      kit.answer(
          200,
          "{\"forms\":[{\"id\":11,\"name\":\"Newsletter sign-up\",\"created_at\":"
              + "\"2023-02-17T11:43:55Z\",\"type\":\"embed\",\"format\":null,\"embed_js\":"
              + "\"https://example.kit.com/abc/index.js\",\"embed_url\":\"https://example.kit.com/abc\","
              + "\"archived\":false,\"uid\":\"abc\"}],\"pagination\":{\"has_previous_page\":false,"
              + "\"has_next_page\":false,\"start_cursor\":\"WzFd\",\"end_cursor\":\"WzFd\","
              + "\"per_page\":1000}}");
      kit.answer(
          200,
          "{\"sequences\":[],\"pagination\":{\"has_previous_page\":false,"
              + "\"has_next_page\":false,\"start_cursor\":null,\"end_cursor\":null,"
              + "\"per_page\":1000}}");

      List<KitListItem> forms = kit.client.list(token, Subscribable.FORM).value();
      List<KitListItem> sequences = kit.client.list(token, Subscribable.SEQUENCE).value();

      assertEquals(Arrays.asList(new KitListItem(11, "Newsletter sign-up")), forms);
      assertTrue(sequences.isEmpty());
      for (String path : new String[] {"/v4/forms", "/v4/sequences"}) {
        RecordedRequest request = kit.taken();
        assertEquals(path, request.getUrl().encodedPath());
        assertEquals("Bearer " + TOKEN_TEXT, request.getHeaders().get("Authorization"));
        assertNull(request.getHeaders().get("X-Kit-Api-Key"));
      }
    }
  }

  @Test
  void aPageThatFailsFailsTheWholeList() throws Exception {
    try (V4TestServer kit = new V4TestServer()) {
      kit.answer(
          200,
          "{\"forms\":[{\"id\":11,\"name\":\"Newsletter\"}],\"pagination\":{"
              + "\"has_next_page\":true,\"end_cursor\":\"WzFd\",\"per_page\":1000}}");
      kit.answer(500, "{\"errors\":[\"Internal server error\"]}");

      KitResult<List<KitListItem>> r =
          kit.client.list(KitCredential.v4ApiKey(KEY_TEXT), Subscribable.FORM);

      assertFalse(r.isSuccess());
      assertTrue(r.isRetryable(), String.valueOf(r));
      assertEquals(500, r.httpStatus());
    }
  }

  @Test
  void aV3SecretReadsCoursesAndARefusedSecretIsNamedWithoutIt() throws Exception {
    try (V4TestServer kit = new V4TestServer()) {
      KitCredential secret = KitCredential.v3Secret(SECRET_TEXT);
      kit.answer(
          200,
          "{\"courses\":[{\"id\":21,\"name\":\"Welcome series\","
              + "\"created_at\":\"2016-02-28T08:07:00Z\"}]}");
      kit.answer(401, "{\"error\":\"Authorization Failed\",\"message\":\"API Key not valid\"}");

      List<KitListItem> sequences = kit.client.list(secret, Subscribable.SEQUENCE).value();
      KitResult<List<KitListItem>> refused = kit.client.list(secret, Subscribable.FORM);

      assertEquals(Arrays.asList(new KitListItem(21, "Welcome series")), sequences);
      RecordedRequest request = kit.taken();
      assertEquals("/v3/sequences", request.getUrl().encodedPath());
      assertEquals(SECRET_TEXT, request.getUrl().queryParameter("api_secret"));
      assertEquals("/v3/forms", kit.taken().getUrl().encodedPath());
      assertEquals(KitOutcome.BAD_CREDENTIALS, refused.outcome());
      assertFalse(refused.message().contains(SECRET_TEXT), refused.message());
    }
  }
}

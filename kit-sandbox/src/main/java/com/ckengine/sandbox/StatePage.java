package com.ckengine.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The plain HTML page at {@code /}: accounts, tags, forms and sequences, subscribers with their
 * tags, the forms and sequences they were added to and their custom field values, purchases, so a
 * person can see what the store did. Every value is escaped; secrets show only their last four
 * characters.
 */
final class StatePage implements HttpHandler {
  private final SandboxStore store;
  private final KitSandbox sandbox;

  StatePage(SandboxStore store, KitSandbox sandbox) {
    this.store = store;
    this.sandbox = sandbox;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/")) {
      Exchanges.send(
          exchange,
          404,
          "text/plain; charset=utf-8",
          "Not found. The APIs are under /v3/ and /v4/, the state page at /."
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    Exchanges.send(
        exchange, 200, "text/html; charset=utf-8", render().getBytes(StandardCharsets.UTF_8));
  }

  String render() {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"5\">")
        .append("<title>Kit sandbox</title>")
        .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;")
        .append("margin-bottom:1em}td,th{border:1px solid #ccc;padding:.3em .6em;")
        .append("text-align:left}</style></head><body>")
        .append("<h1>Kit sandbox</h1><p>API base URLs: v3 <code>")
        .append(escape(sandbox.baseUrl()))
        .append("</code>, v4 <code>")
        .append(escape(sandbox.v4BaseUrl()))
        .append("</code> &middot; requests: ")
        .append(sandbox.requestCount())
        .append(" &middot; answered 429: ")
        .append(sandbox.rateLimitedCount())
        .append("</p>");
    for (SandboxStore.AccountView a : store.views()) {
      h.append("<h2>")
          .append(escape(a.name))
          .append(" &lt;")
          .append(escape(a.primaryEmail))
          .append("&gt;</h2><p>API secret (v3): <code>")
          .append(escape(a.maskedSecret))
          .append("</code> &middot; V4 API key: <code>")
          .append(escape(a.maskedV4Key))
          .append("</code></p><p>Tags: ");
      h.append(a.tags.isEmpty() ? "none" : escape(String.join(", ", a.tags))).append("</p>");
      h.append("<p>Forms: ")
          .append(a.forms.isEmpty() ? "none" : escape(String.join(", ", a.forms)))
          .append("</p><p>Sequences: ")
          .append(a.sequences.isEmpty() ? "none" : escape(String.join(", ", a.sequences)))
          .append("</p><p>Custom fields: ")
          .append(a.customFields.isEmpty() ? "none" : escape(String.join(", ", a.customFields)))
          .append("</p>");
      h.append("<h3>Subscribers</h3><table><tr><th>Email</th><th>First name</th>")
          .append("<th>Tags</th><th>Forms and sequences</th><th>Custom fields</th></tr>");
      for (String[] s : a.subscribers) {
        h.append("<tr><td>")
            .append(escape(s[0]))
            .append("</td><td>")
            .append(escape(s[1]))
            .append("</td><td>")
            .append(escape(s[2]))
            .append("</td><td>")
            .append(escape(s[3]))
            .append("</td><td>")
            .append(escape(s[4]))
            .append("</td></tr>");
      }
      h.append("</table><h3>Purchases</h3><table><tr><th>Id</th><th>Transaction</th>")
          .append("<th>Email</th><th>Total</th><th>Purchase as received</th></tr>");
      for (RecordedPurchase p : a.purchases) {
        h.append("<tr><td>")
            .append(p.id())
            .append("</td><td>")
            .append(escape(p.transactionId()))
            .append("</td><td>")
            .append(escape(p.emailAddress()))
            .append("</td><td>")
            .append(p.total() == null ? "" : escape(p.currency() + " " + p.total().toPlainString()))
            .append("</td><td><code>")
            .append(escape(p.json()))
            .append("</code></td></tr>");
      }
      h.append("</table>");
    }
    recentCalls(h);
    return h.append("</body></html>").toString();
  }

  /** The last calls, with the kind of credential each used and its last four characters only. */
  private void recentCalls(StringBuilder h) {
    h.append("<h2>Recent calls</h2><table><tr><th>At</th><th>Call</th>")
        .append("<th>Credential</th><th>Status</th></tr>");
    for (ApiTraffic.Call c : sandbox.recentCalls()) {
      h.append("<tr><td>")
          .append(escape(c.at.toString()))
          .append("</td><td>")
          .append(escape(c.method + " " + c.path))
          .append("</td><td>")
          .append(escape(c.credential))
          .append("</td><td>")
          .append(c.status)
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  static String escape(String s) {
    if (s == null) return "";
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '&':
          out.append("&amp;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }
}

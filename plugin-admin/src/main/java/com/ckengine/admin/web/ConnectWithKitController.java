package com.ckengine.admin.web;

import com.ckengine.admin.access.Access;
import com.ckengine.admin.screens.FieldErrors;
import com.ckengine.admin.screens.IntegrationForm;
import com.ckengine.engine.Integration;
import com.ckengine.engine.IntegrationException;
import com.ckengine.engine.PendingAuthorization;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * New Integration's "Connect with Kit" (OAuth): sends the operator to Kit's authorize page and
 * takes them back. What ties the two together (state, PKCE verifier, label) waits in their session,
 * never in a page or URL.
 */
@Controller
@RequestMapping("/" + AdminScreen.SECTION + "/oauth")
public class ConnectWithKitController extends AdminScreen {
  private static final Log LOG = LogFactory.getLog(ConnectWithKitController.class);

  /** The session attribute of the connection under way. */
  static final String PENDING = "ckengine.oauth.pending";

  static final String CALLBACK_PATH = "/" + SECTION + "/oauth/callback";

  @RequestMapping(value = "/start", method = RequestMethod.POST)
  public String start(
      @RequestParam(value = "label", required = false) String label,
      HttpServletRequest request,
      Model model) {
    Access a = requireWrite();
    try {
      PendingAuthorization pending = engine.oauth().begin(label, redirectUri(request));
      request.getSession(true).setAttribute(PENDING, pending);
      return "redirect:" + pending.authorizeUrl();
    } catch (IntegrationException e) {
      IntegrationForm form = new IntegrationForm();
      form.setLabel(label);
      FieldErrors errors = new FieldErrors();
      errors.add("label", e.getMessage());
      model.addAttribute("form", form);
      model.addAttribute("errors", errors);
      model.addAttribute("oauthConfigured", engine.oauth().isConfigured());
      return page(model, "ckengine/newIntegration", "setup", a);
    }
  }

  @RequestMapping(value = "/callback", method = RequestMethod.GET)
  public String callback(
      @RequestParam(value = "code", required = false) String code,
      @RequestParam(value = "state", required = false) String state,
      @RequestParam(value = "error", required = false) String error,
      HttpServletRequest request,
      RedirectAttributes flash) {
    requireWrite();
    HttpSession session = request.getSession(false);
    PendingAuthorization pending =
        session == null ? null : (PendingAuthorization) session.getAttribute(PENDING);
    // One answer per authorization: whatever comes of it, the next one starts again.
    if (session != null) session.removeAttribute(PENDING);
    try {
      Integration i = engine.oauth().finish(pending, state, code, error);
      LOG.info("integration " + i.id() + " connected with Kit OAuth");
      flash.addFlashAttribute(
          "ckNotice",
          "Connected '"
              + i.label()
              + "' to the Kit account "
              + i.accountName()
              + " with Kit OAuth ("
              + IntegrationsController.tagCount(i)
              + "). Its tokens are stored encrypted and refreshed before they expire.");
      return IntegrationsController.LIST;
    } catch (IntegrationException e) {
      flash.addFlashAttribute("ckError", e.getMessage());
      return "redirect:/" + SECTION + "/new";
    }
  }

  /**
   * Where Kit sends the operator back: {@code ckengine.kit.oauth.redirectUri} when the site set it
   * (it must be one of the app's redirect URIs in Kit), else this admin's own callback URL.
   */
  private String redirectUri(HttpServletRequest request) {
    String configured = engine.oauth().redirectUri();
    if (configured != null) return configured;
    StringBuilder url = new StringBuilder();
    url.append(request.getScheme()).append("://").append(request.getServerName());
    int port = request.getServerPort();
    boolean defaultPort =
        ("http".equals(request.getScheme()) && port == 80)
            || ("https".equals(request.getScheme()) && port == 443);
    if (!defaultPort) url.append(':').append(port);
    return url.append(request.getContextPath()).append(CALLBACK_PATH).toString();
  }
}

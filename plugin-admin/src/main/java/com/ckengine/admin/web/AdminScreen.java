package com.ckengine.admin.web;

import com.ckengine.admin.access.Access;
import com.ckengine.admin.access.AdminAccess;
import com.ckengine.admin.access.NoAccessException;
import com.ckengine.engine.IntegrationEngine;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.Resource;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.openadmin.web.controller.AdminAbstractController;
import org.springframework.beans.propertyeditors.CustomNumberEditor;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page of Settings &gt; Integrations shares: the admin chrome (menu, breadcrumb), the
 * permission checks, and the 403 answer when they fail.
 */
public abstract class AdminScreen extends AdminAbstractController {
  private static final Log LOG = LogFactory.getLog(AdminScreen.class);

  /** The section's URL without its slash, as in {@code BLC_ADMIN_SECTION.URL}. */
  public static final String SECTION = "ckengine-integrations";

  /** The container template Broadleaf renders custom pages in. */
  static final String CONTAINER = "modules/defaultContainer";

  @Resource(name = "ckIntegrationEngine")
  protected IntegrationEngine engine;

  @Resource(name = "ckAdminAccess")
  protected AdminAccess access;

  /** For tests and hosts that wire controllers by hand. */
  public void setEngine(IntegrationEngine engine) {
    this.engine = engine;
  }

  public void setAccess(AdminAccess access) {
    this.access = access;
  }

  /** Binds only the form fields named here; nothing else of a request reaches a form object. */
  @InitBinder
  public void guardBinding(WebDataBinder binder) {
    // No form here posts an indexed name; one such as tagIds[100000] would make Spring grow the
    // list past its limit and fail the request instead of leaving the field alone.
    binder.setDisallowedFields("class.*", "*.class.*", "Class.*", "*.Class.*", "*[*");
    // An empty id field means "none", not a binding error.
    binder.registerCustomEditor(Long.class, new CustomNumberEditor(Long.class, true));
  }

  /** The access of the current user, refusing users without the plugin's permission. */
  protected Access requireRead() {
    Access a = access.current();
    if (!a.canRead()) {
      throw new NoAccessException("You do not have the permission to see the integrations");
    }
    return a;
  }

  /** Refuses users who may only look. */
  protected Access requireWrite() {
    Access a = requireRead();
    if (!a.canWrite()) {
      throw new NoAccessException(
          "You may look at the integrations but not change them (read-only permission)");
    }
    return a;
  }

  /** Renders {@code views/<viewType>.html} inside Broadleaf's admin page. */
  protected String page(Model model, String viewType, String tab, Access a) {
    chrome(model);
    model.addAttribute("viewType", viewType);
    model.addAttribute("ckTab", tab);
    model.addAttribute("canWrite", a.canWrite());
    return CONTAINER;
  }

  /** Broadleaf's menu and breadcrumb for the section; overridden by tests that run no admin. */
  protected void chrome(Model model) {
    setModelAttributes(model, SECTION);
  }

  @ExceptionHandler(NoAccessException.class)
  public ModelAndView refused(NoAccessException e, HttpServletResponse response) {
    LOG.warn("refused: " + e.getMessage());
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    Map<String, Object> model = new HashMap<String, Object>();
    model.put("viewType", "ckengine/noAccess");
    model.put("ckRefusal", e.getMessage());
    return new ModelAndView(CONTAINER, model);
  }
}

package com.ckengine.admin.web;

import com.ckengine.admin.access.Access;
import com.ckengine.admin.screens.CustomFieldMapping;
import com.ckengine.admin.screens.FieldErrors;
import com.ckengine.admin.screens.IntegrationForm;
import com.ckengine.admin.screens.IntegrationRow;
import com.ckengine.admin.screens.IntegrationSetup;
import com.ckengine.admin.screens.Result;
import com.ckengine.engine.Integration;
import com.ckengine.engine.IntegrationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings &gt; Integrations, tab Integration Setup: the list, New Integration, Edit (rename,
 * replace the secret), Refresh tags and Delete.
 */
@Controller
@RequestMapping("/" + AdminScreen.SECTION)
public class IntegrationsController extends AdminScreen {
  static final String LIST = "redirect:/" + SECTION;

  @RequestMapping(value = "", method = RequestMethod.GET)
  public String list(Model model) {
    Access a = requireRead();
    model.addAttribute("integrations", setup().rows());
    // The warning that events could not be stored; the Logs tab lists them with their Retry.
    model.addAttribute("notStoredCount", engine.unstoredEvents().list().size());
    return page(model, "ckengine/setup", "setup", a);
  }

  @RequestMapping(value = "/new", method = RequestMethod.GET)
  public String newForm(Model model) {
    Access a = requireWrite();
    model.addAttribute("form", new IntegrationForm());
    model.addAttribute("errors", new FieldErrors());
    model.addAttribute("oauthConfigured", engine.oauth().isConfigured());
    return page(model, "ckengine/newIntegration", "setup", a);
  }

  @RequestMapping(value = "/new", method = RequestMethod.POST)
  public String connect(
      @ModelAttribute("form") IntegrationForm form, Model model, RedirectAttributes flash) {
    Access a = requireWrite();
    Result<Integration> r = setup().connect(form);
    if (!r.isOk()) {
      // The form comes back filled, except the secret, which never goes back into a page.
      model.addAttribute("form", form.withoutSecret());
      model.addAttribute("errors", r.errors());
      model.addAttribute("oauthConfigured", engine.oauth().isConfigured());
      return page(model, "ckengine/newIntegration", "setup", a);
    }
    Integration i = r.value();
    flash.addFlashAttribute(
        "ckNotice",
        "Connected '"
            + i.label()
            + "' to the Kit account "
            + i.accountName()
            + " ("
            + tagCount(i)
            + ") with its "
            + IntegrationRow.credentialOf(i)
            + ". It is stored encrypted and is never shown again.");
    return LIST;
  }

  @RequestMapping(value = "/{id}/edit", method = RequestMethod.GET)
  public String edit(@PathVariable("id") long id, Model model) {
    Access a = requireWrite();
    return editPage(model, id, null, new FieldErrors(), a);
  }

  @RequestMapping(value = "/{id}/rename", method = RequestMethod.POST)
  public String rename(
      @PathVariable("id") long id,
      @RequestParam(value = "label", required = false) String label,
      Model model,
      RedirectAttributes flash) {
    Access a = requireWrite();
    Result<Integration> r = setup().rename(id, label);
    if (!r.isOk()) return editPage(model, id, label, r.errors(), a);
    flash.addFlashAttribute("ckNotice", "Renamed to '" + r.value().label() + "'");
    return LIST;
  }

  @RequestMapping(value = "/{id}/secret", method = RequestMethod.POST)
  public String replaceSecret(
      @PathVariable("id") long id,
      @RequestParam(value = "apiSecret", required = false) String secret,
      Model model,
      RedirectAttributes flash) {
    Access a = requireWrite();
    Result<Integration> r = setup().replaceSecret(id, secret);
    if (!r.isOk()) return editPage(model, id, null, r.errors(), a);
    flash.addFlashAttribute(
        "ckNotice",
        "Replaced the credential of '"
            + r.value().label()
            + "' with its "
            + IntegrationRow.credentialOf(r.value())
            + "; Kit accepted it and the tags were refreshed");
    return LIST;
  }

  @RequestMapping(value = "/{id}/refresh", method = RequestMethod.POST)
  public String refresh(@PathVariable("id") long id, RedirectAttributes flash) {
    requireWrite();
    Result<String> r = setup().refreshTags(id);
    if (r.isOk()) flash.addFlashAttribute("ckNotice", r.value());
    else flash.addFlashAttribute("ckError", r.errors().get(FieldErrors.GLOBAL));
    return LIST;
  }

  /** The integration's Custom fields page: a select of the account's fields per store field. */
  @RequestMapping(value = "/{id}/fields", method = RequestMethod.GET)
  public String fields(@PathVariable("id") long id, Model model) {
    Access a = requireWrite();
    return fieldsPage(model, id, new FieldErrors(), a);
  }

  @RequestMapping(value = "/{id}/fields", method = RequestMethod.POST)
  public String saveFields(
      @PathVariable("id") long id,
      @RequestParam java.util.Map<String, String> params,
      Model model,
      RedirectAttributes flash) {
    Access a = requireWrite();
    Result<String> r = new CustomFieldMapping(engine).save(id, params);
    if (!r.isOk()) return fieldsPage(model, id, r.errors(), a);
    flash.addFlashAttribute("ckNotice", r.value());
    return LIST;
  }

  private String fieldsPage(Model model, long id, FieldErrors errors, Access a) {
    CustomFieldMapping screen = new CustomFieldMapping(engine);
    try {
      model.addAttribute("integration", setup().row(id));
      model.addAttribute("rows", screen.rows(id));
      model.addAttribute("accountFields", screen.accountFields(id));
    } catch (IntegrationException e) {
      return LIST;
    }
    model.addAttribute("errors", errors);
    return page(model, "ckengine/customFields", "setup", a);
  }

  @RequestMapping(value = "/{id}/delete", method = RequestMethod.GET)
  public String confirmDelete(@PathVariable("id") long id, Model model) {
    Access a = requireWrite();
    IntegrationRow row;
    try {
      row = setup().row(id);
    } catch (IntegrationException e) {
      return LIST;
    }
    model.addAttribute("integration", row);
    model.addAttribute("rules", setup().rulesUsing(id));
    return page(model, "ckengine/deleteIntegration", "setup", a);
  }

  @RequestMapping(value = "/{id}/delete", method = RequestMethod.POST)
  public String delete(@PathVariable("id") long id, RedirectAttributes flash) {
    requireWrite();
    try {
      String label = setup().row(id).getLabel();
      int disabled = setup().delete(id);
      flash.addFlashAttribute(
          "ckNotice",
          "Deleted '"
              + label
              + "'. "
              + (disabled == 0
                  ? "No enabled rule used it."
                  : disabled
                      + (disabled == 1 ? " rule that used it is" : " rules that used it are")
                      + " kept, disabled: see Global Rules and the products' Integrations tabs."));
    } catch (IntegrationException e) {
      flash.addFlashAttribute("ckError", e.getMessage());
    }
    return LIST;
  }

  private String editPage(Model model, long id, String label, FieldErrors errors, Access a) {
    IntegrationRow row;
    try {
      row = setup().row(id);
    } catch (IntegrationException e) {
      return LIST;
    }
    model.addAttribute("integration", row);
    model.addAttribute("label", label == null ? row.getLabel() : label);
    model.addAttribute("errors", errors);
    return page(model, "ckengine/editIntegration", "setup", a);
  }

  /** "1 tag", "3 tags". */
  static String tagCount(Integration i) {
    int n = i.tags().size();
    return n + (n == 1 ? " tag" : " tags");
  }

  private IntegrationSetup setup() {
    return new IntegrationSetup(engine);
  }
}

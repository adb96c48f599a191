package com.ckengine.admin.web;

import com.ckengine.admin.access.Access;
import com.ckengine.admin.product.ProductCatalog;
import com.ckengine.admin.screens.GlobalRules;
import com.ckengine.admin.screens.RuleForm;
import com.ckengine.admin.screens.RuleRow;
import com.ckengine.admin.screens.RuleStep;
import com.ckengine.admin.screens.RuleSteps;
import com.ckengine.api.RuleDefinition;
import javax.annotation.Resource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings &gt; Integrations, tab Global Rules, and the rule pages the product Integrations tab
 * links to: New Rule / Edit (the steps), Enable/Disable and Delete. A product rule goes back to its
 * product's edit page when done.
 */
@Controller
@RequestMapping("/" + AdminScreen.SECTION + "/rules")
public class RulesController extends AdminScreen {
  static final String LIST = "redirect:/" + SECTION + "/rules";

  /** Said when a rule form's product or rule id is not a number (changed by hand). */
  static final String UNREADABLE_ID =
      "The form's product or rule id is not a number (was the address or the form changed by "
          + "hand?). Nothing was saved; start again from Global Rules or the product's "
          + "Integrations tab.";

  @Resource(name = "ckProductCatalog")
  protected ProductCatalog products;

  public void setProducts(ProductCatalog products) {
    this.products = products;
  }

  @RequestMapping(value = "", method = RequestMethod.GET)
  public String list(Model model) {
    Access a = requireRead();
    GlobalRules rules = new GlobalRules(engine);
    model.addAttribute("rules", rules.rows());
    model.addAttribute("integrationCount", rules.integrationCount());
    return page(model, "ckengine/rules", "rules", a);
  }

  @RequestMapping(value = "/new", method = RequestMethod.GET)
  public String newRule(
      @RequestParam(value = "productId", required = false) String productId,
      Model model,
      RedirectAttributes flash) {
    Access a = requireWrite();
    Long product = null;
    if (productId != null && !productId.trim().isEmpty()) {
      try {
        product = Long.valueOf(productId.trim());
      } catch (NumberFormatException e) {
        flash.addFlashAttribute("ckError", UNREADABLE_ID);
        return LIST;
      }
    }
    return stepPage(model, steps().start(product), a);
  }

  @RequestMapping(value = "/{id}/edit", method = RequestMethod.GET)
  public String edit(@PathVariable("id") long id, Model model, RedirectAttributes flash) {
    Access a = requireWrite();
    try {
      return stepPage(model, steps().edit(id), a);
    } catch (IllegalArgumentException e) {
      flash.addFlashAttribute("ckError", "That rule no longer exists");
      return LIST;
    }
  }

  /** Every step of the New Rule / Edit form posts here; {@code move} is the button pressed. */
  @RequestMapping(value = "/form", method = RequestMethod.POST)
  public String step(
      @ModelAttribute("ruleForm") RuleForm form,
      BindingResult binding,
      @RequestParam(value = "move", defaultValue = "NEXT") String move,
      Model model,
      RedirectAttributes flash) {
    Access a = requireWrite();
    // Empty, these ids mean "a global rule" and "a new rule": an unreadable one must not.
    if (binding.hasFieldErrors("productId") || binding.hasFieldErrors("ruleId")) {
      flash.addFlashAttribute("ckError", UNREADABLE_ID);
      return LIST;
    }
    // Any other value that does not bind (letters for an integration id) is left empty and asked
    // for again.
    RuleSteps.Move m;
    try {
      m = RuleSteps.Move.valueOf(move);
    } catch (IllegalArgumentException e) {
      m = RuleSteps.Move.NEXT;
    }
    RuleStep s = steps().post(form, m);
    if (!s.isSaved()) return stepPage(model, s, a);
    RuleDefinition r = s.saved();
    flash.addFlashAttribute("ckNotice", (s.isEditing() ? "Saved " : "Created ") + describe(r));
    return back(r);
  }

  /** Asks before enabling or disabling (the product tab links here: it cannot hold a form). */
  @RequestMapping(value = "/{id}/state", method = RequestMethod.GET)
  public String confirmState(@PathVariable("id") long id, Model model, RedirectAttributes flash) {
    Access a = requireWrite();
    RuleRow row = new GlobalRules(engine).row(id);
    if (row == null) {
      flash.addFlashAttribute("ckError", "That rule no longer exists");
      return LIST;
    }
    model.addAttribute("rule", row);
    return page(model, "ckengine/ruleState", row.isGlobal() ? "rules" : "product", a);
  }

  @RequestMapping(value = "/{id}/state", method = RequestMethod.POST)
  public String setState(
      @PathVariable("id") long id,
      @RequestParam("enabled") boolean enabled,
      RedirectAttributes flash) {
    requireWrite();
    GlobalRules rules = new GlobalRules(engine);
    RuleRow row = rules.row(id);
    if (row == null) {
      flash.addFlashAttribute("ckError", "That rule no longer exists");
      return LIST;
    }
    String problem = rules.setEnabled(id, enabled);
    if (problem != null) flash.addFlashAttribute("ckError", problem);
    else
      flash.addFlashAttribute(
          "ckNotice", (enabled ? "Enabled " : "Disabled ") + describe(row.definition()));
    return back(row.definition());
  }

  @RequestMapping(value = "/{id}/delete", method = RequestMethod.GET)
  public String confirmDelete(@PathVariable("id") long id, Model model, RedirectAttributes flash) {
    Access a = requireWrite();
    RuleRow row = new GlobalRules(engine).row(id);
    if (row == null) {
      flash.addFlashAttribute("ckError", "That rule no longer exists");
      return LIST;
    }
    model.addAttribute("rule", row);
    return page(model, "ckengine/deleteRule", row.isGlobal() ? "rules" : "product", a);
  }

  @RequestMapping(value = "/{id}/delete", method = RequestMethod.POST)
  public String delete(@PathVariable("id") long id, RedirectAttributes flash) {
    requireWrite();
    RuleRow row = new GlobalRules(engine).row(id);
    if (row == null) return LIST;
    engine.rules().delete(id);
    flash.addFlashAttribute("ckNotice", "Deleted " + describe(row.definition()));
    return back(row.definition());
  }

  private String stepPage(Model model, RuleStep step, Access a) {
    model.addAttribute("ruleStep", step);
    model.addAttribute("ruleForm", step.getForm());
    model.addAttribute("errors", step.getErrors());
    return page(model, "ckengine/ruleSteps", step.getForm().isGlobal() ? "rules" : "product", a);
  }

  /** Global rules go back to their list, product rules to the product's edit page. */
  private static String back(RuleDefinition r) {
    return r.isGlobal() ? LIST : "redirect:/product/" + r.productId();
  }

  private static String describe(RuleDefinition r) {
    return "the rule \""
        + r.trigger().displayName()
        + ": "
        + r.action().displayName()
        + "\""
        + (r.isGlobal() ? " for all products" : " of product " + r.productId());
  }

  private RuleSteps steps() {
    return new RuleSteps(engine, products);
  }
}

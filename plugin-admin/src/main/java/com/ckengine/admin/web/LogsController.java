package com.ckengine.admin.web;

import com.ckengine.admin.access.Access;
import com.ckengine.admin.screens.IntegrationSetup;
import com.ckengine.admin.screens.LogRow;
import com.ckengine.admin.screens.LogSearch;
import com.ckengine.admin.screens.LogSearchForm;
import com.ckengine.api.Trigger;
import com.ckengine.engine.ActionStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings &gt; Integrations, tab Logs: search, an entry's detail, Retry of a FAILED entry, Send
 * anyway of a FAILED purchase in doubt.
 */
@Controller
@RequestMapping("/" + AdminScreen.SECTION + "/logs")
public class LogsController extends AdminScreen {
  static final String LIST = "redirect:/" + SECTION + "/logs";

  /** Searching is a GET: a search can be bookmarked and changes nothing. */
  @RequestMapping(value = "", method = RequestMethod.GET)
  public String search(
      @ModelAttribute("search") LogSearchForm form, BindingResult binding, Model model) {
    Access a = requireRead();
    model.addAttribute("result", new LogSearch(engine).search(form));
    model.addAttribute("statuses", ActionStatus.values());
    model.addAttribute("triggers", Trigger.values());
    model.addAttribute("integrations", new IntegrationSetup(engine).rows());
    return page(model, "ckengine/logs", "logs", a);
  }

  @RequestMapping(value = "/{id}", method = RequestMethod.GET)
  public String entry(@PathVariable("id") long id, Model model, RedirectAttributes flash) {
    Access a = requireRead();
    LogRow row = new LogSearch(engine).entry(id);
    if (row == null) {
      flash.addFlashAttribute("ckError", "That log entry no longer exists");
      return LIST;
    }
    model.addAttribute("entry", row);
    return page(model, "ckengine/logEntry", "logs", a);
  }

  @RequestMapping(value = "/{id}/retry", method = RequestMethod.POST)
  public String retry(@PathVariable("id") long id, RedirectAttributes flash) {
    requireWrite();
    String problem = new LogSearch(engine).retry(id);
    if (problem == null) {
      flash.addFlashAttribute(
          "ckNotice", "Entry " + id + " is queued again and will be sent in a moment");
    } else {
      flash.addFlashAttribute("ckError", problem);
    }
    return "redirect:/" + SECTION + "/logs/" + id;
  }

  /** The operator checked Kit and the purchase is missing: send it without another look-up. */
  @RequestMapping(value = "/{id}/send-anyway", method = RequestMethod.POST)
  public String sendAnyway(@PathVariable("id") long id, RedirectAttributes flash) {
    requireWrite();
    String problem = new LogSearch(engine).sendAnyway(id);
    if (problem == null) {
      flash.addFlashAttribute(
          "ckNotice", "Entry " + id + " is queued and will be sent in a moment, without a look-up");
    } else {
      flash.addFlashAttribute("ckError", problem);
    }
    return "redirect:/" + SECTION + "/logs/" + id;
  }
}

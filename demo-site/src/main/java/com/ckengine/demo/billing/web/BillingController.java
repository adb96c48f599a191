package com.ckengine.demo.billing.web;

import com.ckengine.demo.billing.DemoBilling;
import javax.annotation.Resource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The demo billing page, {@code /demo/billing}: every demo subscription with the plugin's view of
 * it, and buttons that make the next charge fail, update the card, cancel, restart or charge now,
 * so each subscription trigger can be made to fire. A demo console, not a customer account page: it
 * lists every subscription of the demo store.
 */
@Controller
public class BillingController {
  private static final Log LOG = LogFactory.getLog(BillingController.class);

  @Resource(name = "ckdemoBilling")
  protected DemoBilling billing;

  @RequestMapping(value = "/demo/billing", method = RequestMethod.GET)
  public String page(Model model) {
    model.addAttribute("rows", billing.rows());
    return "store/billing";
  }

  @RequestMapping(value = "/demo/billing", method = RequestMethod.POST)
  public String act(
      @RequestParam("subscription") String subscription,
      @RequestParam("action") String action,
      RedirectAttributes redirect) {
    String message;
    try {
      message = subscription + ": " + perform(subscription, action);
    } catch (IllegalArgumentException e) {
      message = e.getMessage();
    } catch (RuntimeException e) {
      LOG.warn("Demo billing: " + action + " of " + subscription + " failed", e);
      message = subscription + ": " + action + " failed (" + e.getMessage() + ")";
    }
    redirect.addFlashAttribute("message", message);
    return "redirect:/demo/billing";
  }

  private String perform(String subscription, String action) {
    if ("charge".equals(action)) return billing.chargeNow(subscription);
    if ("fail-next".equals(action)) return billing.failNext(subscription);
    if ("card".equals(action)) return billing.updateCard(subscription);
    if ("cancel".equals(action)) return billing.cancel(subscription);
    if ("restart".equals(action)) return billing.restart(subscription);
    throw new IllegalArgumentException("unknown action '" + action + "'");
  }
}

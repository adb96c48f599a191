package com.ckengine.admin.product;

import com.ckengine.admin.access.Access;
import com.ckengine.admin.access.AdminAccess;
import com.ckengine.admin.screens.ProductRules;
import com.ckengine.engine.IntegrationEngine;
import javax.annotation.PostConstruct;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.common.extension.ExtensionResultStatusType;
import org.broadleafcommerce.openadmin.dto.Entity;
import org.broadleafcommerce.openadmin.web.form.component.ListGridRecord;
import org.broadleafcommerce.openadmin.web.form.entity.EntityForm;
import org.broadleafcommerce.openadmin.web.form.entity.Field;
import org.broadleafcommerce.openadmin.web.service.FormBuilderExtensionHandler;
import org.broadleafcommerce.openadmin.web.service.FormBuilderExtensionManager;

/**
 * Adds the Integrations tab to the product edit page: the product's rules with New Rule, Edit,
 * Enable/Disable and Delete.
 *
 * <p>Why a form extension and not a woven JPA collection: rules must be written only through the
 * engine's {@code RuleService}, which validates them and bumps the change counter other nodes
 * watch; Broadleaf's generic collection editor would write the rule tables directly. So the tab is
 * one read-only field rendered by {@code fields/ckengine_rules.html}; its buttons lead to the
 * plugin's own pages, which call the service. The field has no input, so saving the product never
 * touches rules.
 */
public class ProductRulesTab implements FormBuilderExtensionHandler {
  private static final Log LOG = LogFactory.getLog(ProductRulesTab.class);

  /** The entity form field holding the rules; its type picks the template. */
  public static final String FIELD = "ckengineProductRules";

  public static final String FIELD_TYPE = "ckengine_rules";
  public static final String TAB = "Integrations";
  static final int TAB_ORDER = 9000;

  private static final String PRODUCT = "org.broadleafcommerce.core.catalog.domain.Product";

  private IntegrationEngine engine;
  private AdminAccess access;
  private FormBuilderExtensionManager extensionManager;

  public void setEngine(IntegrationEngine engine) {
    this.engine = engine;
  }

  public void setAccess(AdminAccess access) {
    this.access = access;
  }

  public void setExtensionManager(FormBuilderExtensionManager extensionManager) {
    this.extensionManager = extensionManager;
  }

  @PostConstruct
  public void register() {
    extensionManager.registerHandler(this);
  }

  @Override
  public ExtensionResultStatusType modifyPopulatedEntityForm(EntityForm ef, Entity entity) {
    Long productId = productId(ef);
    if (productId == null) return ExtensionResultStatusType.NOT_HANDLED;
    try {
      Access a = access.current();
      if (!a.canRead()) return ExtensionResultStatusType.NOT_HANDLED;
      ProductRules rules = new ProductRules(engine, productId);
      Field f =
          new Field()
              .withName(FIELD)
              .withFriendlyName("ckengine.productTab.field")
              .withFieldType(FIELD_TYPE)
              .withOrder(1)
              .withReadOnly(false)
              .withAttribute("ckRules", rules.rows())
              .withAttribute("ckIntegrationCount", rules.integrationCount())
              .withAttribute("ckProductId", productId)
              .withAttribute("ckCanWrite", a.canWrite());
      ef.addField(f, "ConvertKit", 1, TAB, TAB_ORDER);
      return ExtensionResultStatusType.HANDLED_CONTINUE;
    } catch (RuntimeException e) {
      // The product page must open even if the engine cannot answer.
      LOG.warn("could not add the Integrations tab to product " + productId, e);
      return ExtensionResultStatusType.NOT_HANDLED;
    }
  }

  /** The product's id when {@code ef} is a saved product's form, else null. */
  static Long productId(EntityForm ef) {
    String ceiling = ef.getCeilingEntityClassname();
    if (ceiling == null || !(ceiling.equals(PRODUCT) || ceiling.equals(PRODUCT + "Impl"))) {
      return null;
    }
    try {
      return ef.getId() == null ? null : Long.valueOf(ef.getId());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public ExtensionResultStatusType modifyUnpopulatedEntityForm(EntityForm ef) {
    return ExtensionResultStatusType.NOT_HANDLED;
  }

  @Override
  public ExtensionResultStatusType modifyDetailEntityForm(EntityForm ef) {
    return ExtensionResultStatusType.NOT_HANDLED;
  }

  @Override
  public ExtensionResultStatusType modifyListGridRecord(
      String className, ListGridRecord record, Entity entity) {
    return ExtensionResultStatusType.NOT_HANDLED;
  }

  @Override
  public ExtensionResultStatusType addAdditionalFormActions(EntityForm entityForm) {
    return ExtensionResultStatusType.NOT_HANDLED;
  }

  @Override
  public int getPriority() {
    return 0;
  }

  @Override
  public boolean isEnabled() {
    return true;
  }
}

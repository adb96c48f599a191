package com.ckengine.admin.refund;

import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.common.extension.ExtensionResultStatusType;
import org.broadleafcommerce.openadmin.dto.Entity;
import org.broadleafcommerce.openadmin.web.form.entity.EntityForm;
import org.broadleafcommerce.openadmin.web.form.entity.Field;
import org.broadleafcommerce.openadmin.web.service.AbstractFormBuilderExtensionHandler;
import org.broadleafcommerce.openadmin.web.service.FormBuilderExtensionManager;
import org.springframework.stereotype.Component;

/**
 * Puts a link to the refund page ({@link AdminRefundController}) on the admin's order page: a field
 * of type {@value #FIELD_TYPE}, rendered by {@code open_admin_style/templates/fields/}{@value
 * #FIELD_TYPE}{@code .html} in this jar. A field, not a form action, because Broadleaf 3.1 renders
 * extra form actions as buttons with no behaviour of their own; a field is a plain link that works
 * without any script.
 */
@Component("ckRefundLinkFormExtension")
public class RefundLinkFormExtension extends AbstractFormBuilderExtensionHandler {
  private static final Log LOG = LogFactory.getLog(RefundLinkFormExtension.class);

  /** The field's type, which names its template. */
  public static final String FIELD_TYPE = "ckengine_refund_link";

  /** The field's name on the order form. */
  public static final String FIELD_NAME = "ckengineRefundLink";

  @Resource(name = "blFormBuilderExtensionManager")
  protected FormBuilderExtensionManager extensionManager;

  @PostConstruct
  public void register() {
    extensionManager.registerHandler(this);
  }

  @PreDestroy
  public void unregister() {
    extensionManager.getHandlers().remove(this);
  }

  @Override
  public ExtensionResultStatusType modifyPopulatedEntityForm(EntityForm ef, Entity entity) {
    try {
      boolean order =
          AdminRefundController.ORDER_CEILING.equals(ef.getCeilingEntityClassname())
              || (ef.getEntityType() != null
                  && ef.getEntityType().startsWith("org.broadleafcommerce.core.order.domain.Order")
                  && !ef.getEntityType().contains("Item"));
      if (!order || ef.getId() == null || ef.findField(FIELD_NAME) != null) {
        return ExtensionResultStatusType.NOT_HANDLED;
      }
      Field link =
          new Field()
              .withName(FIELD_NAME)
              .withFriendlyName("Refunds")
              .withFieldType(FIELD_TYPE)
              .withValue(ef.getId())
              .withReadOnly(false)
              .withOrder(Integer.MIN_VALUE);
      ef.addField(link);
      return ExtensionResultStatusType.HANDLED_CONTINUE;
    } catch (RuntimeException e) {
      // The order page must show whatever happens here.
      LOG.warn("could not add the refund link to the order page: " + e);
      return ExtensionResultStatusType.NOT_HANDLED;
    }
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

package com.ckengine.admin.access;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.openadmin.server.security.domain.AdminUser;
import org.broadleafcommerce.openadmin.server.security.remote.SecurityVerifier;
import org.broadleafcommerce.openadmin.server.security.service.AdminSecurityService;
import org.broadleafcommerce.openadmin.server.security.service.type.PermissionType;

/**
 * {@link AdminAccess} from Broadleaf's admin permissions: READ when the user holds a permission of
 * type READ (or ALL) on {@link AdminAccess#CEILING_ENTITY}, directly or through a role or a
 * friendly permission; WRITE when one of them is of type ALL (or UPDATE). The rows are in {@code
 * config/bc/sql/ckengine_admin_permissions.sql}.
 */
public class BroadleafAdminAccess implements AdminAccess {
  private static final Log LOG = LogFactory.getLog(BroadleafAdminAccess.class);

  private SecurityVerifier securityVerifier;
  private AdminSecurityService adminSecurityService;

  public void setSecurityVerifier(SecurityVerifier securityVerifier) {
    this.securityVerifier = securityVerifier;
  }

  public void setAdminSecurityService(AdminSecurityService adminSecurityService) {
    this.adminSecurityService = adminSecurityService;
  }

  @Override
  public Access current() {
    AdminUser user;
    try {
      user = securityVerifier.getPersistentAdminUser();
    } catch (RuntimeException e) {
      LOG.warn("could not read the signed-in admin user; refusing access", e);
      return Access.NONE;
    }
    if (user == null) return Access.NONE;
    if (qualified(user, PermissionType.UPDATE)) return Access.WRITE;
    if (qualified(user, PermissionType.READ)) return Access.READ;
    return Access.NONE;
  }

  private boolean qualified(AdminUser user, PermissionType type) {
    return adminSecurityService.isUserQualifiedForOperationOnCeilingEntity(
        user, type, CEILING_ENTITY);
  }
}

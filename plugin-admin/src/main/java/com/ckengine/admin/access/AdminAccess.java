package com.ckengine.admin.access;

/**
 * Answers what the admin user of the current request may do. Broadleaf's URL security only asks for
 * "any admin user" on the admin's pages, so every screen of the plugin asks this itself.
 */
public interface AdminAccess {
  /** The ceiling entity the plugin's permissions name in {@code BLC_ADMIN_PERMISSION_ENTITY}. */
  String CEILING_ENTITY = IntegrationsPermission.class.getName();

  Access current();
}

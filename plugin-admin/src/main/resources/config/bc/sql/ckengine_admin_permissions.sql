-- The ConvertKit admin screens: the Settings > Integrations menu entry and the permissions that show it.
-- The admin adds the rows of this file that its database lacks when it starts (AdminRowsInstaller in
-- bl-ckengine-admin-applicationContext.xml), so a site needs no step. Where a DBA manages the schema, run these
-- lines after Broadleaf's load_admin_permissions.sql, load_admin_roles.sql and load_admin_menu.sql (see
-- docs/install.md, "The admin screens"). One statement per line: Broadleaf's import files and the admin's
-- reader both read a line at a time. Ids -9101 to -9104 are reserved for this plugin.
--
-- Permissions on the plugin's ceiling entity: READ sees integrations, rules and the log; ALL also changes them.
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-9101, 'Read ConvertKit Integrations', 'PERMISSION_READ_CKENGINE_INTEGRATIONS', 'READ', FALSE);
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-9102, 'All ConvertKit Integrations', 'PERMISSION_ALL_CKENGINE_INTEGRATIONS', 'ALL', FALSE);
INSERT INTO BLC_ADMIN_PERMISSION_ENTITY (ADMIN_PERMISSION_ENTITY_ID, CEILING_ENTITY, ADMIN_PERMISSION_ID) VALUES (-9101, 'com.ckengine.admin.access.IntegrationsPermission', -9101);
INSERT INTO BLC_ADMIN_PERMISSION_ENTITY (ADMIN_PERMISSION_ENTITY_ID, CEILING_ENTITY, ADMIN_PERMISSION_ID) VALUES (-9102, 'com.ckengine.admin.access.IntegrationsPermission', -9102);
-- The friendly permissions an administrator grants to roles (Security > Roles).
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-9103, 'View Integrations', 'PERMISSION_CKENGINE_INTEGRATIONS', 'READ', TRUE);
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-9104, 'Maintain Integrations', 'PERMISSION_CKENGINE_INTEGRATIONS', 'ALL', TRUE);
INSERT INTO BLC_ADMIN_PERMISSION_XREF (ADMIN_PERMISSION_ID, CHILD_PERMISSION_ID) VALUES (-9103, -9101);
INSERT INTO BLC_ADMIN_PERMISSION_XREF (ADMIN_PERMISSION_ID, CHILD_PERMISSION_ID) VALUES (-9104, -9102);
-- The menu entry under Settings (module -5), shown to holders of either friendly permission. No ceiling
-- entity: Broadleaf hides a section whose ceiling is not a JPA entity, and the screens are the plugin's own.
INSERT INTO BLC_ADMIN_SECTION (ADMIN_SECTION_ID, DISPLAY_ORDER, ADMIN_MODULE_ID, NAME, SECTION_KEY, URL, CEILING_ENTITY) VALUES (-9101, 4000, -5, 'Integrations', 'ConvertKitIntegrations', '/ckengine-integrations', NULL);
INSERT INTO BLC_ADMIN_SEC_PERM_XREF (ADMIN_SECTION_ID, ADMIN_PERMISSION_ID) VALUES (-9101, -9103);
INSERT INTO BLC_ADMIN_SEC_PERM_XREF (ADMIN_SECTION_ID, ADMIN_PERMISSION_ID) VALUES (-9101, -9104);
-- Broadleaf's super-user role (ROLE_ADMIN) maintains integrations.
INSERT INTO BLC_ADMIN_ROLE_PERMISSION_XREF (ADMIN_ROLE_ID, ADMIN_PERMISSION_ID) VALUES (-1, -9104);

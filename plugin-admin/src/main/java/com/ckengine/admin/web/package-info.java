/**
 * The Spring MVC controllers of the plugin's admin pages, found by the component scan in {@code
 * bl-ckengine-admin-servlet.xml}. They check the user's permission on every request (Broadleaf's
 * URL security only asks for "an admin user"), bind forms and choose templates; the work is done by
 * {@code com.ckengine.admin.screens}.
 */
package com.ckengine.admin.web;

package com.ckengine.admin.access;

/**
 * Names the plugin's permissions in Broadleaf's permission tables. Broadleaf ties permissions to a
 * "ceiling entity" class name and loads that class to check it, so the name has to be a real class;
 * this one has no other use.
 */
public interface IntegrationsPermission {}

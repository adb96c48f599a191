/**
 * What the admin screens do, free of Spring MVC and Broadleaf: form values in, the engine's
 * services called, errors per field or view rows out. The controllers in {@code
 * com.ckengine.admin.web} only bind, check permissions and pick templates, so this logic is tested
 * against the real engine without an admin running.
 */
package com.ckengine.admin.screens;

/**
 * The ConvertKit (Kit) v3 client: the only code of the plugin that talks to Kit.
 *
 * <p>{@link com.ckengine.kit.KitClient} is the entry point; every call returns a {@link
 * com.ckengine.kit.KitResult} whose {@link com.ckengine.kit.KitOutcome} tells the caller whether to
 * carry on, retry later or ask the operator for attention, so nothing above this package parses
 * HTTP statuses or Kit's messages. Requests are paced per {@link com.ckengine.kit.ApiSecret} so
 * steady load never draws a 429. The secret is held by {@code ApiSecret}, which never prints it.
 *
 * <p>Host-neutral: nothing here knows Broadleaf. Main code targets Java 8.
 */
package com.ckengine.kit;

/**
 * The ConvertKit (Kit) client, v3 and v4: the only code of the plugin that talks to Kit.
 *
 * <p>{@link com.ckengine.kit.KitClient} is the entry point; every call returns a {@link
 * com.ckengine.kit.KitResult} whose {@link com.ckengine.kit.KitOutcome} tells the caller whether to
 * carry on, retry later or ask the operator for attention, so nothing above this package parses
 * HTTP statuses or Kit's messages. Requests are paced per {@link com.ckengine.kit.KitCredential} so
 * steady load never draws a 429. The credential never prints itself.
 *
 * <p>Inside: {@code KitTransport} sends one request (OkHttp, permits, the one retry of a read,
 * bounded reads, scrubbing); {@code V3Codec} and {@code V4Codec} say how each operation is written
 * and read in each API version; {@code OkHttpKitClient} picks the codec by the credential's kind.
 *
 * <p>Host-neutral: nothing here knows Broadleaf. Main code targets Java 8.
 */
package com.ckengine.kit;

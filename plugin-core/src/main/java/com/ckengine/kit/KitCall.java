package com.ckengine.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import okhttp3.Request;

/**
 * One request to Kit as a codec wrote it, ready for {@link KitTransport#send}: the request (with
 * the credential already attached), what it is about (for messages), how a successful answer is
 * read and how the API version words its errors.
 *
 * @param <T> the value a successful answer gives
 */
final class KitCall<T> {
  final Request request;
  final String entity;
  final Reader<T> reader;
  final ErrorDialect errors;

  KitCall(Request request, String entity, Reader<T> reader, ErrorDialect errors) {
    this.request = request;
    this.entity = entity;
    this.reader = reader;
    this.errors = errors;
  }

  /** A write may have changed Kit; a read ({@code GET}) never did. */
  boolean isWrite() {
    return !request.method().equals("GET");
  }

  /** Reads a successful (2xx) answer; throws when the body does not have the expected shape. */
  interface Reader<T> {
    /**
     * @param status the HTTP status (200, 201, 204 ...)
     * @param json the body, or null when it was empty
     */
    T read(int status, JsonNode json) throws IOException;
  }

  /** How an API version words a failure in its answers. */
  interface ErrorDialect {
    /** Kit's own words for the failure, or "" when the answer has none. */
    String message(JsonNode json, String text);

    /**
     * The outcome the body says whatever the status, or null to go by the status. Lets v3's {@code
     * {"error":"Tag not found"}} be {@link KitOutcome#NOT_FOUND} and an {@code error} on a 2xx
     * {@link KitOutcome#REJECTED}.
     */
    KitOutcome outcome(JsonNode json, int status);
  }
}

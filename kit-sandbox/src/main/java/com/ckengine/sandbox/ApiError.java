package com.ckengine.sandbox;

/** Unwinds a request to an error answer in Kit's shape: {@code {"error": ..., "message": ...}}. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String error;

  ApiError(int status, String error, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
  }

  static ApiError notFound() {
    return new ApiError(404, "Not Found", "The entity you were trying to find doesn't exist");
  }

  /** What Kit answers to tagging with an unknown tag id: an error and no message. */
  static ApiError tagNotFound() {
    return new ApiError(404, "Tag not found", null);
  }

  static ApiError missing(String what) {
    return new ApiError(400, "Your request is missing parameters", what + " is required");
  }

  static ApiError invalid(String message) {
    return new ApiError(422, "Unprocessable Entity", message);
  }

  static ApiError keyNotPresent() {
    return new ApiError(401, "Authorization Failed", "API Key not present");
  }

  static ApiError keyNotValid() {
    return new ApiError(401, "Authorization Failed", "API Key not valid");
  }
}

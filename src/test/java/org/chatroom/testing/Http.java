package org.chatroom.testing;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

/** Plain HTTP GETs against a deployment, relative to its context root. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {}

  public static HttpResponse<String> get(URL base, String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(base.toURI().resolve(path)).build(), BodyHandlers.ofString());
  }

  /** The response's Content-Type, or an empty string. */
  public static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }
}

package org.chatroom.testing;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain HTTP GETs against a deployment, relative to its context root. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {}

  public static HttpResponse<String> get(URL base, String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(base.toURI().resolve(path)).build(), BodyHandlers.ofString());
  }

  /** A GET with HTTP BASIC credentials, as an operator's tool (Prometheus, curl -u) sends it. */
  public static HttpResponse<String> getAs(URL base, String path, String user, String password)
      throws Exception {
    String credentials = user + ":" + password;
    return CLIENT.send(
        HttpRequest.newBuilder(base.toURI().resolve(path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .build(),
        BodyHandlers.ofString());
  }

  /** The response's Content-Type, or an empty string. */
  public static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }
}

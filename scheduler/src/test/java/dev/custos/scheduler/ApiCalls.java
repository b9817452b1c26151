package dev.custos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls of one {@code custos serve}'s REST API with a real HTTP client, as a user (HTTP Basic with
 * the tests' password) or anonymously ({@code user} null), and what the role-matrix tests check of
 * an answer: a problem detail of a status.
 */
public final class ApiCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final String password;

    public ApiCalls(int port, String password) {
        this.port = port;
        this.password = password;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** An anonymous GET. */
    public HttpRequest get(String path) {
        return get(path, null);
    }

    public HttpRequest get(String path, String user) {
        return as(HttpRequest.newBuilder(uri(path)).GET(), user);
    }

    /** A POST without a body. */
    public HttpRequest post(String path, String user) {
        return post(path, user, "");
    }

    /** A POST of {@code json} (none when empty). */
    public HttpRequest post(String path, String user, String json) {
        return as(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)),
                user);
    }

    public HttpRequest put(String path, String user, String json) {
        return as(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), user);
    }

    /** A request of {@code method} without a body, to add headers to. */
    public HttpRequest.Builder request(String method, String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        return user == null ? request : request.header("Authorization", basic(user));
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest as(HttpRequest.Builder request, String user) {
        return (user == null ? request : request.header("Authorization", basic(user))).build();
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The role of {@code user} is refused: 403, a problem detail. */
    public static void assertRefused(HttpResponse<String> response, String user) {
        assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(403);
        assertThat(json(response).path("status").asInt()).isEqualTo(403);
    }

    /** The answer is an RFC 9457 problem detail of {@code status}, saying why. */
    public static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).path("status").asInt()).isEqualTo(status);
        assertThat(json(response).path("detail").asString()).isNotBlank();
    }
}

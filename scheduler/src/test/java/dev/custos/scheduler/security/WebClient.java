package dev.custos.scheduler.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser as far as the login flows need one: cookies kept per host and port (whatever
 * their Secure flag: the tests speak plain HTTP on loopback), redirects followed, forms posted with
 * the page's CSRF token. Without scripts, which none of these pages need.
 */
final class WebClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final int MAX_REDIRECTS = 10;
    /** What Chromium sends for a page: a login is then a redirect to the form, not a script's 401. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

    /** The page the redirects end at; {@code uri()} says where that is. */
    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return follow(HttpRequest.newBuilder(uri).GET());
    }

    /** Posts {@code fields} and the CSRF token of {@code page} (the form's page) to {@code action}, following redirects. */
    HttpResponse<String> submit(HttpResponse<String> page, String action, Map<String, String> fields)
            throws IOException, InterruptedException {
        Map<String, String> body = new LinkedHashMap<>(fields);
        body.put("_csrf", csrf(page.body()));
        String form = body.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(page.uri().resolve(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The session cookie this client holds for {@code uri}'s host and port, as a Cookie header value. */
    String cookieHeader(URI uri) {
        return cookies.getOrDefault(uri.getAuthority(), Map.of()).entrySet().stream()
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).collect(Collectors.joining("; "));
    }

    static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in the page:\n" + page);
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private HttpResponse<String> follow(HttpRequest.Builder first) throws IOException, InterruptedException {
        HttpRequest request = withCookies(first);
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            keepCookies(response);
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null) {
                return response;
            }
            request = withCookies(HttpRequest.newBuilder(request.uri().resolve(location)).GET());
        }
        throw new AssertionError("more than " + MAX_REDIRECTS + " redirects from " + first.build().uri());
    }

    private HttpRequest withCookies(HttpRequest.Builder builder) {
        builder.setHeader("Accept", BROWSER_ACCEPT);
        HttpRequest draft = builder.build();
        String header = cookieHeader(draft.uri());
        return header.isEmpty() ? draft : builder.header("Cookie", header).build();
    }

    private void keepCookies(HttpResponse<String> response) {
        Map<String, String> jar = cookies.computeIfAbsent(response.uri().getAuthority(), authority -> new LinkedHashMap<>());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            boolean expired = setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0") || value.isEmpty();
            if (expired) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

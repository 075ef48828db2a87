package io.platinur.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Git server for tests that speaks smart HTTP through C Git's own {@code git http-backend}, run
 * as a CGI program for every request, behind HTTP basic authentication, on a free loopback port.
 * The repositories are the bare repositories under the project root; the server, not the client,
 * decides every push (atomic ref transactions, expected old ids). Needs {@code git} on the path.
 *
 * <p>It can also misbehave on purpose: drop the connection of the next push before or after
 * {@code git receive-pack} has applied it.
 */
public final class GitHttpServer implements AutoCloseable {
  /** What the server does with the next push (a POST to {@code git-receive-pack}). */
  public enum Drop {
    /** Reads the request, then closes the connection without running the backend: nothing changes. */
    BEFORE_APPLYING,
    /** Runs the backend (the push takes effect), then closes the connection without an answer. */
    AFTER_APPLYING
  }

  private final HttpServer http;
  private final ExecutorService workers;
  private final Path projectRoot;
  private final String user;
  private final byte[] expectedAuthorization;
  private final AtomicReference<Drop> nextPush = new AtomicReference<>();
  private final AtomicInteger pushes = new AtomicInteger();
  private final AtomicInteger refusedRequests = new AtomicInteger();

  private GitHttpServer(Path projectRoot, String user, char[] password) throws IOException {
    this.projectRoot = projectRoot;
    this.user = user;
    this.expectedAuthorization = ("Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    // one thread per request, as a real server forks one backend per request: pushes really race
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "git-http-test-server");
      thread.setDaemon(true);
      return thread;
    });
    http.setExecutor(workers);
    http.createContext("/", this::handle);
    http.start();
  }

  /** Serves the bare repositories under {@code projectRoot} to {@code user} with {@code password}. */
  public static GitHttpServer start(Path projectRoot, String user, char[] password) {
    try {
      return new GitHttpServer(projectRoot, user, password);
    } catch (IOException e) {
      throw new AssertionError("could not start the test Git server", e);
    }
  }

  /** The URL of the repository {@code name} (a directory under the project root), without credentials. */
  public String url(String name) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + name;
  }

  /** The user name the server takes. */
  public String user() {
    return user;
  }

  /** Misbehaves on the next push only. */
  public void dropNextPush(Drop drop) {
    nextPush.set(drop);
  }

  /** How many pushes (POSTs to git-receive-pack) reached the server, dropped ones included. */
  public int pushes() {
    return pushes.get();
  }

  /** How many requests were answered 401 because the credentials were wrong (not merely missing). */
  public int refusedRequests() {
    return refusedRequests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null || !MessageDigest.isEqual(authorization.getBytes(StandardCharsets.US_ASCII), expectedAuthorization)) {
        if (authorization != null) {
          refusedRequests.incrementAndGet();
        }
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"platinur test\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      byte[] body = readBody(exchange);
      boolean isPush = exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().endsWith("/git-receive-pack");
      Drop drop = isPush ? nextPush.getAndSet(null) : null;
      if (isPush) {
        pushes.incrementAndGet();
      }
      if (drop == Drop.BEFORE_APPLYING) {
        throw new DroppedConnection();
      }
      byte[] output = runBackend(exchange, body);
      if (drop == Drop.AFTER_APPLYING) {
        throw new DroppedConnection();
      }
      answer(exchange, output);
    }
  }

  /** Thrown out of the handler: the JDK's server then closes the connection without an answer. */
  private static final class DroppedConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DroppedConnection() {
      super("the test server drops this connection on purpose", null, false, false);
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  /** Runs {@code git http-backend} as a CGI program (RFC 3875) for this request. */
  private byte[] runBackend(HttpExchange exchange, byte[] body) throws IOException {
    Path input = Files.createTempFile("git-http-request", ".bin");
    Path errors = Files.createTempFile("git-http-errors", ".txt");
    try {
      Files.write(input, body);
      ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
      Map<String, String> env = builder.environment();
      String keepPath = env.get("PATH");
      env.clear();
      env.put("PATH", keepPath == null ? "/usr/bin:/bin" : keepPath);
      env.put("GIT_CONFIG_NOSYSTEM", "1");
      env.put("HOME", projectRoot.toString());
      env.put("GIT_PROJECT_ROOT", projectRoot.toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("GATEWAY_INTERFACE", "CGI/1.1");
      env.put("SERVER_PROTOCOL", "HTTP/1.1");
      env.put("SERVER_SOFTWARE", "platinur-test");
      env.put("REQUEST_METHOD", exchange.getRequestMethod());
      env.put("PATH_INFO", exchange.getRequestURI().getPath());
      env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
      env.put("CONTENT_LENGTH", Integer.toString(body.length));
      env.put("REMOTE_USER", user);
      env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
      copyHeader(exchange, "Content-Type", "CONTENT_TYPE", env);
      copyHeader(exchange, "Content-Encoding", "HTTP_CONTENT_ENCODING", env);
      copyHeader(exchange, "Git-Protocol", "GIT_PROTOCOL", env);
      builder.redirectInput(input.toFile());
      builder.redirectError(errors.toFile());
      Process process = builder.start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("git http-backend did not finish");
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(input);
      Files.deleteIfExists(errors);
    }
  }

  private static void copyHeader(HttpExchange exchange, String header, String variable, Map<String, String> env) {
    String value = exchange.getRequestHeaders().getFirst(header);
    if (value != null) {
      env.put(variable, value);
    }
  }

  /** Sends the CGI program's output: its header lines (with {@code Status:}), a blank line, the body. */
  private static void answer(HttpExchange exchange, byte[] output) throws IOException {
    int end = headerEnd(output);
    String head = new String(output, 0, end, StandardCharsets.ISO_8859_1);
    int bodyStart = end + (output[end] == '\r' ? 4 : 2);
    int status = 200;
    for (String line : head.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.split(" ")[0]);
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    int length = Math.max(0, output.length - bodyStart);
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    if (length > 0) {
      exchange.getResponseBody().write(output, bodyStart, length);
    }
  }

  /** Where the CGI header ends: the index of the first blank line's line break. */
  private static int headerEnd(byte[] output) {
    for (int i = 0; i + 1 < output.length; i++) {
      if (output[i] == '\n' && output[i + 1] == '\n') {
        return i;
      }
      if (i + 3 < output.length && output[i] == '\r' && output[i + 1] == '\n' && output[i + 2] == '\r' && output[i + 3] == '\n') {
        return i;
      }
    }
    throw new IllegalStateException("git http-backend wrote no CGI header: "
        + new String(output, StandardCharsets.UTF_8).lines().limit(3).toList());
  }

  @Override
  public void close() {
    http.stop(0);
    workers.shutdownNow();
  }

  /** The bare repositories this server serves. */
  public Path projectRoot() {
    return projectRoot;
  }
}

package io.platinur.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.lane.StagingLane;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over plain HTTP: what a browser never sends (no token, wrong method, a foreign host
 * name, oversized or malformed forms, unknown proposals) gets a 4xx with a clear message and
 * changes nothing; every write needs the session's token.
 */
class PromotionsConsoleHttpTest {
  @TempDir
  Path dir;

  private ConsoleLane.Running running;
  private final HttpClient http = HttpClient.newHttpClient();
  private String cookie;
  private String token;

  @BeforeEach
  void start() throws Exception {
    running = ConsoleLane.start(dir, 0, Clock.systemUTC());
    HttpResponse<String> page = get("/");
    cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).isTrue();
    token = csrf.group(1);
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void sets_a_strict_http_only_session_cookie_named_after_its_port_and_a_content_security_policy() throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(url("/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().firstValue("Set-Cookie").orElseThrow())
        .startsWith("platinur_console_" + running.console().url().getPort() + "=").endsWith("; Path=/; HttpOnly; SameSite=Strict");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'", "frame-ancestors 'none'");
    assertThat(page.body()).doesNotContain(token);
  }

  @Test
  void applies_with_the_token_and_answers_on_the_page_it_redirects_to_once() throws Exception {
    HttpResponse<String> posted = post("/apply", "csrf=" + token + "&id=p-1", cookie);
    assertThat(posted.statusCode()).isEqualTo(303);
    String location = posted.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/\\?answer=[A-Za-z0-9_-]{16}");
    assertThat(get(location).body()).contains("<p id=\"answer\" class=\"answer done\" role=\"status\">Applied ‘Add orders model’ to Staging as commit ");
    assertThat(lane().batch().size()).isEqualTo(1);
    // Shown once: the same address again, the page itself, or another session never show it.
    assertThat(get(location).body()).doesNotContain("id=\"answer\"");
    assertThat(get("/").body()).doesNotContain("id=\"answer\"");
  }

  @Test
  void each_answer_belongs_to_the_request_that_caused_it_when_one_session_acts_twice_at_once() throws Exception {
    // two tabs of one browser share the session; each is redirected to its own answer
    HttpResponse<String> first = post("/apply", "csrf=" + token + "&id=p-1", cookie);
    HttpResponse<String> second = post("/apply", "csrf=" + token + "&id=p-3", cookie);
    assertThat(answerAt(second)).isEqualTo("rejected: Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. "
        + "Promote or discard the staged batch before staging this proposal.");
    assertThat(answerAt(first)).startsWith("done: Applied ‘Add orders model’ to Staging as commit ");
  }

  @Test
  void answers_a_conditional_version_request_not_modified_while_nothing_changed() throws Exception {
    HttpResponse<String> first = get("/version");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).isEqualTo("\"" + first.body() + "\"");
    HttpResponse<String> again = http.send(HttpRequest.newBuilder(url("/version")).header("If-None-Match", etag).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();

    post("/apply", "csrf=" + token + "&id=p-2", cookie);
    HttpResponse<String> changed = http.send(HttpRequest.newBuilder(url("/version")).header("If-None-Match", etag).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).isNotEqualTo(first.body());
  }

  @Test
  void serves_its_icon_so_a_browser_asking_for_favicon_ico_gets_no_404() throws Exception {
    for (String icon : java.util.List.of("/favicon.ico", "/favicon.svg")) {
      HttpResponse<String> answered = get(icon);
      assertThat(answered.statusCode()).as(icon).isEqualTo(200);
      assertThat(answered.headers().firstValue("Content-Type")).as(icon).contains("image/svg+xml");
      assertThat(answered.body()).as(icon).startsWith("<svg ");
    }
    assertThat(get("/").body()).contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">");
  }

  @Test
  void a_bad_exit_code_comes_back_beside_its_field_with_the_values_sent() throws Exception {
    post("/apply", "csrf=" + token + "&id=p-1", cookie);
    HttpResponse<String> posted = post("/gate-evidence", "csrf=" + token + "&deploy-exit=abc&deployment=SUCCESS&smoke=PASSED&ci=GREEN", cookie);
    assertThat(posted.statusCode()).isEqualTo(303);
    String page = get(posted.headers().firstValue("Location").orElseThrow()).body();
    assertThat(page).contains(
        "<p id=\"answer\" class=\"answer invalid\" role=\"alert\">The deploy exit code must be a whole number, not ‘abc’.</p>",
        "<input name=\"deploy-exit\" id=\"field-deploy-exit\" size=\"4\" inputmode=\"numeric\" placeholder=\"none\" value=\"abc\" "
            + "aria-invalid=\"true\" aria-describedby=\"problem-deploy-exit\"></label>"
            + "<span class=\"problem\" id=\"problem-deploy-exit\">The deploy exit code must be a whole number, not ‘abc’.</span>",
        "<option value=\"SUCCESS\" selected>", "<option value=\"PASSED\" selected>", "<option value=\"GREEN\" selected>");
    // nothing was reported: the gate still blocks on every condition
    assertThat(page).contains("<tr id=\"gate-STAGING_DEPLOY\" class=\"fails\">");
    // and the form is as new on the next page
    assertThat(get("/").body()).doesNotContain("value=\"abc\"").contains("<option value=\"NOT_FOUND\" selected>");
  }

  @Test
  void the_version_changes_when_the_lane_changes_and_only_then() throws Exception {
    String before = get("/version").body();
    assertThat(get("/version").body()).isEqualTo(before);
    post("/apply", "csrf=" + token + "&id=p-2", cookie);
    assertThat(get("/version").body()).isNotEqualTo(before);
  }

  @Test
  void answers_unapply_discard_and_close_in_the_seeds_words() throws Exception {
    assertThat(post("/apply", "csrf=" + token + "&id=p-1", cookie).statusCode()).isEqualTo(303);
    assertThat(answerAt(post("/open-pr", "csrf=" + token, cookie)))
        .isEqualTo("done: Opened promotion PR #1; Staging is locked until the release completes.");

    // The buttons are disabled with these reasons; a request sent anyway meets the same rule.
    assertThat(answerAt(post("/unapply", "csrf=" + token + "&id=p-1", cookie)))
        .isEqualTo("rejected: A promotion PR exists for the staged batch. Unapply is available only until a promotion PR exists.");
    assertThat(answerAt(post("/discard", "csrf=" + token, cookie)))
        .isEqualTo("rejected: A promotion PR exists for the staged batch. Discard is available only until a promotion PR exists.");
    assertThat(answerAt(post("/apply", "csrf=" + token + "&id=p-2", cookie)))
        .isEqualTo("rejected: A promotion PR is open. Merge or close it in GitHub before applying more staging changes.");

    assertThat(answerAt(post("/close", "csrf=" + token, cookie)))
        .isEqualTo("done: Closed the promotion PR without merging. Sync Promotions: Staging is unlocked.");
    assertThat(lane().batch().size()).isEqualTo(1);

    assertThat(answerAt(post("/unapply", "csrf=" + token + "&id=p-1", cookie))).isEqualTo("done: Unapplied p-1 from Staging.");
    assertThat(lane().batch().isEmpty()).isTrue();
    assertThat(answerAt(post("/discard", "csrf=" + token, cookie))).isEqualTo("done: Discarded the staged batch; Staging is back at its base.");
  }

  @Test
  void shows_the_gate_condition_by_condition_from_reported_evidence() throws Exception {
    post("/apply", "csrf=" + token + "&id=p-1", cookie);
    String blocked = get("/").body();
    assertThat(blocked).contains("<p id=\"gate-decision\" class=\"blocked\">", "<tr id=\"gate-CI\" class=\"fails\">");

    post("/gate-evidence", "csrf=" + token + "&deploy-exit=0&deployment=SUCCESS&smoke=PASSED&ci=RED", cookie);
    String red = get("/").body();
    assertThat(red).contains("<tr id=\"gate-STAGING_DEPLOY\" class=\"holds\">", "<tr id=\"gate-DEPLOYMENT_STATUS\" class=\"holds\">",
        "<tr id=\"gate-SMOKE_AND_E2E\" class=\"holds\">", "<tr id=\"gate-CI\" class=\"fails\"><th scope=\"row\">CI green at this commit</th><td>✗ CI is red at ");

    post("/gate-evidence", "csrf=" + token + "&deploy-exit=0&deployment=SUCCESS&smoke=PASSED&ci=GREEN", cookie);
    assertThat(get("/").body()).contains("<p id=\"gate-decision\" class=\"authorized\">Authorized: every condition holds at this exact commit.</p>")
        .doesNotContain("class=\"fails\"");

    // Evidence is about one exact commit: a new staging head has none.
    post("/apply", "csrf=" + token + "&id=p-2", cookie);
    assertThat(get("/").body()).contains("<p id=\"gate-decision\" class=\"blocked\">");
  }

  @Nested
  class Refuses_and_changes_nothing {
    @AfterEach
    void nothing_changed() {
      assertThat(lane().batch().isEmpty()).isTrue();
      assertThat(running.lane().service().history().get()).isEmpty();
    }

    @Test
    void a_post_without_the_token() throws Exception {
      assertRefused(post("/apply", "id=p-1", cookie), 403,
          "The form&#39;s CSRF token is missing or wrong, so nothing was changed. Reload the page and try again.");
    }

    @Test
    void a_post_with_another_sessions_token() throws Exception {
      HttpResponse<String> other = http.send(HttpRequest.newBuilder(url("/")).build(), HttpResponse.BodyHandlers.ofString());
      String otherCookie = other.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      assertRefused(post("/apply", "csrf=" + token + "&id=p-1", otherCookie), 403, "CSRF token is missing or wrong");
    }

    @Test
    void a_post_without_a_session() throws Exception {
      assertRefused(post("/open-pr", "csrf=" + token, null), 403, "This browser has no console session.");
    }

    @Test
    void a_get_on_an_action() throws Exception {
      assertRefused(get("/apply"), 405, "/apply changes the lane, so it takes a POST from the page&#39;s form, not a GET.");
    }

    @Test
    void a_post_on_a_page() throws Exception {
      assertRefused(post("/", "csrf=" + token, cookie), 405, "/ is read with a GET.");
    }

    @Test
    void an_unknown_page() throws Exception {
      assertRefused(get("/admin"), 404, "There is no page at /admin.");
    }

    @Test
    void an_unknown_proposal() throws Exception {
      assertRefused(post("/apply", "csrf=" + token + "&id=p-9", cookie), 404, "There is no proposal ‘p-9’ in this console.");
    }

    @Test
    void a_malformed_proposal_id() throws Exception {
      assertRefused(post("/apply", "csrf=" + token + "&id=" + URLEncoder.encode("<b>", StandardCharsets.UTF_8), cookie), 400, "A proposal id must be ");
    }

    @Test
    void a_missing_field() throws Exception {
      assertRefused(post("/apply", "csrf=" + token, cookie), 400, "The form field ‘id’ is missing.");
    }

    @Test
    void a_field_sent_twice() throws Exception {
      assertRefused(post("/apply", "csrf=" + token + "&id=p-1&id=p-3", cookie), 400, "The form field ‘id’ was sent twice.");
    }

    @Test
    void a_badly_encoded_form() throws Exception {
      assertRefused(post("/apply", "csrf=" + token + "&id=%zz", cookie), 400, "The form is not properly encoded.");
    }

    @Test
    void a_body_that_is_not_a_form() throws Exception {
      HttpResponse<String> json = http.send(HttpRequest.newBuilder(url("/apply")).header("Cookie", cookie)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"p-1\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertRefused(json, 415, "Send the page&#39;s form (application/x-www-form-urlencoded)");
    }

    @Test
    void a_form_over_the_size_limit() throws Exception {
      String huge = "csrf=" + token + "&id=p-1&pad=" + "x".repeat(PromotionsConsole.MAX_FORM_BYTES);
      assertRefused(post("/apply", huge, cookie), 413, "The form is larger than 64 KiB.");
    }

    @Test
    void a_proposal_the_domain_refuses_said_beside_its_field() throws Exception {
      HttpResponse<String> posted = post("/proposals", "csrf=" + token + "&title=Sneak&content=x&path="
          + URLEncoder.encode("../etc/passwd", StandardCharsets.UTF_8), cookie);
      assertThat(posted.statusCode()).isEqualTo(303);
      String page = get(posted.headers().firstValue("Location").orElseThrow()).body();
      assertThat(page).contains("<p id=\"answer\" class=\"answer invalid\" role=\"alert\">The proposal was not added: "
              + "Repository path ‘../etc/passwd’ contains a ‘..’ component.</p>",
          "<input name=\"title\" id=\"field-title\" required maxlength=\"200\" value=\"Sneak\"></label>",
          "value=\"../etc/passwd\" aria-invalid=\"true\" aria-describedby=\"problem-path\"></label><span class=\"problem\" "
              + "id=\"problem-path\">Repository path ‘../etc/passwd’ contains a ‘..’ component.</span>",
          "<textarea name=\"content\" rows=\"3\">x</textarea>");
      assertThat(page).doesNotContain("id=\"card-p-4\"");
    }

    @Test
    void a_post_from_another_origin_even_with_the_token() throws Exception {
      assertRefused(post("/apply", "csrf=" + token + "&id=p-1", cookie, "Origin", "http://attacker.example"), 403,
          "This console takes changes only from its own page at " + running.console().url() + "; this request came from "
              + "‘http://attacker.example’, so nothing was changed.");
      // another console on this machine is another origin too
      assertRefused(post("/apply", "csrf=" + token + "&id=p-1", cookie, "Origin", "http://127.0.0.1:1"), 403, "‘http://127.0.0.1:1’");
      assertRefused(post("/apply", "csrf=" + token + "&id=p-1", cookie, "Origin", "null"), 403, "‘null’");
    }

    @Test
    void a_post_a_browser_says_came_from_another_site() throws Exception {
      for (String site : java.util.List.of("cross-site", "same-site")) {
        assertRefused(post("/apply", "csrf=" + token + "&id=p-1", cookie, "Sec-Fetch-Site", site), 403,
            "this request came from another page (Sec-Fetch-Site: " + site + "), so nothing was changed.");
      }
    }

    @Test
    void a_gate_report_with_an_unknown_choice() throws Exception {
      assertRefused(post("/gate-evidence", "csrf=" + token + "&deployment=GREAT&ci=GREEN", cookie), 400,
          "‘GREAT’ is not a choice for deployment.");
    }

    @Test
    void a_request_addressed_to_another_host_name() throws IOException {
      // A page elsewhere that rebinds its own name to 127.0.0.1 still sends its own name as Host.
      int port = running.console().url().getPort();
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /apply HTTP/1.1\r\nHost: attacker.example:" + port + "\r\nCookie: " + cookie
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 421").contains("This console answers only at http://127.0.0.1:" + port + "/");
      }
    }
  }

  @Test
  void a_busy_port_is_named() throws IOException {
    int port = running.console().url().getPort();
    assertThatThrownBy(() -> PromotionsConsole.builder(running.lane().service(), ProposalCatalog.inMemory(java.util.List.of()))
        .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).start())
        .isInstanceOf(java.net.BindException.class)
        .hasMessage("Port " + port + " on 127.0.0.1 is already in use.");
  }

  @Test
  void listens_on_loopback_only_unless_told_otherwise() {
    assertThatThrownBy(() -> PromotionsConsole.builder(running.lane().service(), ProposalCatalog.inMemory(java.util.List.of()))
        .address(new InetSocketAddress("0.0.0.0", 0)).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listens on the loopback interface only; 0.0.0.0 is not loopback");
    assertThat(running.console().url().getHost()).isEqualTo("127.0.0.1");
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static void assertRefused(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains("<p id=\"error\">").contains(message);
  }

  /** The kind and text of the answer to a POST, as the page it redirects to shows it. */
  private String answerAt(HttpResponse<String> posted) throws IOException, InterruptedException {
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
    String page = get(posted.headers().firstValue("Location").orElseThrow()).body();
    Matcher shown = Pattern.compile("<p id=\"answer\" class=\"answer (\\w+)\" role=\"(?:status|alert)\">([^<]*)</p>").matcher(page);
    assertThat(shown.find()).as("an answer on the page").isTrue();
    return shown.group(1) + ": " + shown.group(2).replace("&#39;", "'");
  }

  private StagingLane lane() {
    return running.lane().service().lane().get();
  }

  private URI url(String path) {
    return running.console().url().resolve(path);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form, String sessionCookie, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) {
      request.headers(headers);
    }
    if (sessionCookie != null) {
      request.header("Cookie", sessionCookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

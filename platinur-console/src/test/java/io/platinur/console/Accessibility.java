package io.platinur.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;

/** Deque's axe-core on what the browser shows now: no serious or critical violation of any rule it checks (WCAG 2.x A and AA, best practices). */
final class Accessibility {
  private static final Set<String> BLOCKING = Set.of("serious", "critical");

  private Accessibility() {}

  /** Checks the page as it is; {@code state} names it in a failure. */
  static void assertNoSeriousViolations(WebDriver driver, String state) {
    Results results = new AxeBuilder().analyze(driver);
    assertThat(results.getErrorMessage()).as("axe-core ran on %s", state).isNull();
    assertThat(results.getPasses()).as("axe-core checked rules on %s", state).isNotEmpty();
    List<String> blocking = results.getViolations().stream()
        .filter(rule -> BLOCKING.contains(rule.getImpact()))
        .map(Accessibility::describe)
        .toList();
    assertThat(blocking).as("serious or critical accessibility violations on %s", state).isEmpty();
  }

  private static String describe(Rule rule) {
    return rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + "): "
        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", "));
  }
}

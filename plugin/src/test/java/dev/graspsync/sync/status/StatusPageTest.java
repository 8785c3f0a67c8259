package dev.graspsync.sync.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page is one self-contained file whose script treats relay text as text. (It is rendered
 * in a real browser by the integration tests: StatusPageInChromiumTest.)
 */
class StatusPageTest {
  private final StatusPage page = StatusPage.load();
  private final String script = StatusPage.between(page.html(), "<script>", "</script>");

  @Test
  void thePageLoadsNothingFromAnywhere() {
    assertThat(page.html()).doesNotContainPattern(Pattern.compile("(?i)\\b(src|href)\\s*=\\s*\"?(https?:)?//"));
    assertThat(page.html()).doesNotContainPattern(Pattern.compile("(?i)<(link|iframe|img|object|embed)\\b"));
    assertThat(page.html()).doesNotContainPattern(Pattern.compile("(?i)<script\\s+src"));
    assertThat(page.html()).doesNotContainPattern(Pattern.compile("(?i)@import|url\\("));
    assertThat(page.html()).containsOnlyOnce("<script>").containsOnlyOnce("<style>");
  }

  @Test
  void itReadsTheStatusRelativeToItselfAndRefreshes() {
    assertThat(script).contains("fetch(\"sync/status\"").contains("setTimeout(refresh");
  }

  @Test
  void relayTextIsNeverParsedAsMarkup() {
    assertThat(script).doesNotContainPattern(Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\(|new Function"));
    assertThat(script).contains("textContent");
  }

  @Test
  void thePolicyAllowsExactlyThePagesOwnScriptAndStyleAndItsOwnOrigin() {
    String csp = page.contentSecurityPolicy();
    assertThat(csp).startsWith("default-src 'none';")
        .contains("script-src '" + StatusPage.sha256(script) + "'")
        .contains("style-src '" + StatusPage.sha256(StatusPage.between(page.html(), "<style>", "</style>")) + "'")
        .contains("connect-src 'self'")
        .doesNotContain("unsafe");
    // the digest of a known text, so a wrong algorithm or encoding shows
    assertThat(StatusPage.sha256("")).isEqualTo("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  }
}

package continuum.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The top bar and the home page offer each role what it may use, and every page they
 * offer opens (no link that ends in "not allowed").
 */
@ContinuumIntegrationTest
class NavigationWebIntegrationTests {

	private static final Pattern TILE = Pattern.compile("<li><a href=\"([^\"]+)\">");

	private static final Pattern NAV = Pattern.compile("<nav>(.*?)</nav>", Pattern.DOTALL);

	@LocalServerPort
	int port;

	@Test
	void eachRoleIsOfferedWhatItMayUseAndEveryOfferedPageOpens() throws Exception {
		Map<String, List<String>> expected = Map.of("nurse",
				List.of("/patients", "/patients/new", "/wards", "/scheduling/worklist", "/account/password"),
				"scheduler",
				List.of("/patients", "/patients/new", "/wards", "/scheduling/worklist", "/account/password"), "labtech",
				List.of("/patients", "/wards", "/scheduling/worklist", "/account/password"), "admin",
				List.of("/admin/staff", "/admin/wards", "/audit", "/account/password"), "auditor",
				List.of("/audit", "/account/password"));
		for (var role : expected.entrySet()) {
			WebSession session = WebSession.signIn(port, role.getKey());
			String home = session.get("/").body();
			List<String> tiles = new ArrayList<>();
			Matcher tile = TILE.matcher(home);
			while (tile.find()) {
				tiles.add(tile.group(1));
			}
			assertThat(tiles).as(role.getKey()).containsExactlyElementsOf(role.getValue());
			for (String page : tiles) {
				assertThat(session.get(page).statusCode()).as(role.getKey() + " opens " + page).isEqualTo(200);
			}
			Matcher nav = NAV.matcher(home);
			assertThat(nav.find()).isTrue();
			List<String> links = new ArrayList<>();
			Matcher link = Pattern.compile("href=\"([^\"]+)\"").matcher(nav.group(1));
			while (link.find()) {
				links.add(link.group(1));
			}
			for (String page : links) {
				assertThat(session.get(page).statusCode()).as(role.getKey() + " follows the top bar to " + page)
					.isEqualTo(200);
			}
		}
		String nurseBar = WebSession.signIn(port, "nurse").get("/").body();
		assertThat(nurseBar).doesNotContain("href=\"/scheduling/bulk\"", "href=\"/audit\"", "href=\"/admin/staff\"");
		String schedulerBar = WebSession.signIn(port, "scheduler").get("/").body();
		assertThat(schedulerBar).contains("href=\"/scheduling/bulk\"");
		String adminBar = WebSession.signIn(port, "admin").get("/").body();
		assertThat(adminBar).contains("href=\"/imaging/quarantine\"", "href=\"/imaging/peers\"");
		assertThat(nurseBar).doesNotContain("href=\"/imaging/quarantine\"", "href=\"/imaging/peers\"");
	}

}

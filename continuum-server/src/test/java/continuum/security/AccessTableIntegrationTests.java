package continuum.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every cell of the access table in docs/security.md through the real API: each
 * role's token either gets through the access check (any answer but 403) or is refused
 * with 403; and the documented table equals the code's. Walks the table of pages too,
 * signed in through the web.
 */
@ContinuumIntegrationTest
class AccessTableIntegrationTests {

	private static final String UNKNOWN_ID = "987654321";

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	JdbcClient jdbc;

	/** The page table's row for a browser that has not signed in. */
	private static final String ANONYMOUS = "anonymous";

	/** role → resource type → letters, as documented. */
	static Map<Role, Map<String, String>> documentedTable() throws Exception {
		Map<Role, Map<String, String>> table = new LinkedHashMap<>();
		documented("access-table").forEach((row, cells) -> table.put(Role.valueOf(row), cells));
		return table;
	}

	/** row → column → cell of the table between {@code <!-- name:start/end -->}. */
	private static Map<String, Map<String, String>> documented(String name) throws Exception {
		Path doc = Path.of("..", "docs", "security.md");
		String text = Files.readString(doc);
		String table = text.substring(text.indexOf("<!-- " + name + ":start -->"),
				text.indexOf("<!-- " + name + ":end -->"));
		List<String> rows = table.lines().filter(l -> l.startsWith("|")).toList();
		String[] header = cells(rows.get(0));
		Map<String, Map<String, String>> result = new LinkedHashMap<>();
		for (String row : rows.subList(2, rows.size())) {
			String[] cells = cells(row);
			Map<String, String> permissions = new LinkedHashMap<>();
			for (int i = 1; i < cells.length; i++) {
				permissions.put(header[i], cells[i].equals("–") ? "" : cells[i]);
			}
			result.put(cells[0], permissions);
		}
		return result;
	}

	private static String[] cells(String row) {
		String trimmed = row.strip();
		return java.util.Arrays.stream(trimmed.substring(1, trimmed.length() - 1).split("\\|"))
			.map(String::strip)
			.toArray(String[]::new);
	}

	@Test
	void documentedTableIsTheCodesTable() throws Exception {
		Map<Role, Map<String, String>> documented = documentedTable();
		assertThat(documented.keySet()).containsExactlyInAnyOrder(Role.values());
		documented.forEach((role, permissions) -> permissions
			.forEach((type, letters) -> assertThat(role.permissions().getOrDefault(type, "")).as("%s on %s", role, type)
				.isEqualTo(letters)));
		documented
			.forEach((role, permissions) -> assertThat(permissions.keySet()).as("documented columns cover %s", role)
				.containsAll(role.permissions().keySet()));
	}

	@Test
	void everyRoleGetsExactlyItsCellsThroughTheApi() throws Exception {
		List<String> mismatches = new ArrayList<>();
		for (var row : documentedTable().entrySet()) {
			Role role = row.getKey();
			String token = FhirTestSupport.token(port, role.demoUsername());
			for (var cell : row.getValue().entrySet()) {
				String type = cell.getKey();
				for (char letter : "cruds".toCharArray()) {
					boolean expected = cell.getValue().indexOf(letter) >= 0;
					if (!offered(type, letter)) {
						// Not offered by the API at all (e.g. delete): the role's scope
						// grants nothing there yet.
						continue;
					}
					int status = attempt(token, type, letter);
					boolean refused = status == 403;
					if (expected == refused || status == 401 || status >= 500) {
						mismatches.add(role + " " + letter + " " + type + ": expected "
								+ (expected ? "allowed" : "refused") + ", got HTTP " + status);
					}
				}
			}
		}
		assertThat(mismatches).isEmpty();
	}

	/**
	 * Signed in as each role's demo account, ✓ is a 200 and – a 403; a browser that has
	 * not signed in is sent to the sign-in page instead, or gets a 401 under
	 * {@code /actuator}.
	 */
	@Test
	void everyRoleGetsExactlyItsPagesThroughTheWeb() throws Exception {
		Map<String, Map<String, String>> pages = documented("page-table");
		List<String> rows = new ArrayList<>(java.util.Arrays.stream(Role.values()).map(Role::name).toList());
		rows.add(ANONYMOUS);
		assertThat(pages.keySet()).containsExactlyInAnyOrderElementsOf(rows);
		long staffId = jdbc.sql("select id from app_user where username = 'nurse'").query(Long.class).single();
		List<String> mismatches = new ArrayList<>();
		for (var row : pages.entrySet()) {
			boolean anonymous = row.getKey().equals(ANONYMOUS);
			WebSession session = anonymous ? WebSession.anonymous(port)
					: WebSession.signIn(port, Role.valueOf(row.getKey()).demoUsername());
			for (var cell : row.getValue().entrySet()) {
				String[] request = cell.getKey().split(" ");
				String path = request[1].replace("{id}", Long.toString(staffId));
				HttpResponse<String> response;
				if (request[0].equals("POST")) {
					// A page with a form first, for its CSRF token.
					session.get(anonymous ? "/login" : "/account/password");
					response = session.post(path, Map.of());
				}
				else {
					response = session.get(path);
				}
				String expected = cell.getValue().isEmpty() ? refusal(anonymous, path) : "200";
				String got = response.statusCode() == 302 ? "302 " + URI.create(WebSession.location(response)).getPath()
						: Integer.toString(response.statusCode());
				if (!got.equals(expected)) {
					mismatches.add(row.getKey() + " " + cell.getKey() + ": expected " + expected + ", got " + got);
				}
			}
		}
		assertThat(mismatches).isEmpty();
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'nurse' and outcome = 'DENIED'
				  and resource_type = 'Practitioner' and resource_id = :id""")
			.param("id", Long.toString(staffId))
			.query(Long.class)
			.single()).as("a refused staff page is audited").isPositive();
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'nurse' and outcome = 'DENIED'
				  and resource_type = 'Metrics'""").query(Long.class).single())
			.as("a refused metrics scrape is audited")
			.isPositive();
	}

	private static String refusal(boolean anonymous, String path) {
		if (!anonymous) {
			return "403";
		}
		return path.startsWith("/actuator/") ? "401" : "302 /login";
	}

	private String capabilities;

	/**
	 * Whether the CapabilityStatement offers the interaction on the type (the change feed
	 * offers only reads).
	 */
	private boolean offered(String type, char letter) throws Exception {
		if (type.equals("ChangeFeed")) {
			return letter == 'r' || letter == 's';
		}
		if (capabilities == null) {
			capabilities = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/metadata"))
					.header("Accept", "application/fhir+json")
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		var statement = FhirTestSupport.context()
			.newJsonParser()
			.parseResource(org.hl7.fhir.r4.model.CapabilityStatement.class, capabilities);
		String code = switch (letter) {
			case 'c' -> "create";
			case 'r' -> "read";
			case 'u' -> "update";
			case 'd' -> "delete";
			default -> "search-type";
		};
		return statement.getRestFirstRep()
			.getResource()
			.stream()
			.filter(r -> r.getType().equals(type))
			.flatMap(r -> r.getInteraction().stream())
			.anyMatch(i -> i.getCode().toCode().equals(code));
	}

	private int attempt(String token, String type, char letter) throws Exception {
		if (type.equals("ChangeFeed")) {
			return letter == 'r' || letter == 's' ? send(token, "GET", "/api/changes?after=0&limit=1", null)
					: send(token, "POST", "/api/changes", "{}") == 403 ? 403 : 405;
		}
		String base = "/fhir/" + type;
		String body = "{\"resourceType\":\"" + type + "\"}";
		return switch (letter) {
			case 'c' -> send(token, "POST", base, body);
			case 'r' -> send(token, "GET", base + "/" + UNKNOWN_ID, null);
			case 'u' -> send(token, "PUT", base + "/" + UNKNOWN_ID,
					"{\"resourceType\":\"" + type + "\",\"id\":\"" + UNKNOWN_ID + "\"}");
			case 'd' -> send(token, "DELETE", base + "/" + UNKNOWN_ID, null);
			default -> send(token, "GET", base + "?_count=1", null);
		};
	}

	private int send(String token, String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json");
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/fhir+json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}

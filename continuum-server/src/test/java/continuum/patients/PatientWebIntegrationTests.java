package continuum.patients;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search page (plain form and htmx fragment) and the registration form, signed in
 * through the login page.
 */
@ContinuumIntegrationTest
class PatientWebIntegrationTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	HttpClient browser;

	@BeforeEach
	void signIn() throws Exception {
		browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String csrf = csrf(get("/login").body());
		HttpResponse<String> login = post("/login",
				"username=nurse&password=" + ContinuumIntegrationTest.DEMO_PASSWORD + "&_csrf=" + csrf);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
	}

	HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, String form) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return matcher.group(1);
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Test
	void searchFormWorksWithoutJavaScriptAndLinksToTheChart() throws Exception {
		String u = TestPatients.uniqueWord();
		Patient p = patients.register(TestPatients.data("Lefèvre", "Zoé", u));
		HttpResponse<String> page = get("/patients?q=" + enc("lefevre zoe " + u));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<html")
			.contains("href=\"/patients/" + p.id() + "\"")
			.contains("LEFÈVRE, Zoé")
			.contains("class=\"who\" href=\"/account/password\"", "title=\"Change your password\">nurse</a>");
	}

	@Test
	void submittingAnMrnThatNamesOnePatientOpensTheChart() throws Exception {
		Patient p = patients.register(TestPatients.data("Hendrickx", TestPatients.uniqueWord()));
		HttpResponse<String> answer = get("/patients?q=" + p.mrn());
		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/patients/" + p.id());
		assertThat(get("/patients?q=" + p.mrn(), "HX-Request", "true").body()).contains("/patients/" + p.id());
	}

	@Test
	void htmxRequestGetsOnlyTheResultsFragment() throws Exception {
		String u = TestPatients.uniqueWord();
		Patient p = patients.register(TestPatients.data("Van den Bossche", u));
		HttpResponse<String> fragment = get("/patients?q=" + enc("vandenb " + u), "HX-Request", "true");
		assertThat(fragment.statusCode()).isEqualTo(200);
		assertThat(fragment.body()).doesNotContain("<html").contains("id=\"results\"").contains("/patients/" + p.id());
	}

	@Test
	void scriptLookingNamesAreShownEscaped() throws Exception {
		String u = TestPatients.uniqueWord();
		patients.register(TestPatients.data("Robert'); DROP TABLE patient;--", "<script>alert(1)</script>", u));
		HttpResponse<String> page = get("/patients?q=" + enc("robert " + u));
		assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)")
			.contains("ROBERT&#39;); DROP TABLE PATIENT;--");
	}

	@Test
	void registrationWithMistakesExplainsEachFieldAndRegistersNothing() throws Exception {
		String u = TestPatients.uniqueWord();
		String csrf = csrf(get("/patients/new").body());
		HttpResponse<String> answer = post("/patients/new", "_csrf=" + csrf + "&family=&given=" + u
				+ "&birthDate=2999-01-01&gender=&nationalNumber=" + enc("85.07.30-033.29"));
		assertThat(answer.statusCode()).isEqualTo(422);
		assertThat(answer.body()).contains("Enter the family name.")
			.contains("The birth date is in the future.")
			.contains("Choose the administrative sex.")
			.contains("not a valid national number")
			.contains("value=\"" + u + "\"");
		assertThat(patients.search(PatientQuery.text(u, 5)).total()).isZero();
	}

	@Test
	void nationalNumberMustMatchBirthDateAndSex() throws Exception {
		String csrf = csrf(get("/patients/new").body());
		String number = NationalNumber.of(java.time.LocalDate.of(1985, 7, 30), 33).formatted();
		HttpResponse<String> answer = post("/patients/new",
				"_csrf=" + csrf + "&family=Claes&birthDate=1985-07-31" + "&gender=male&nationalNumber=" + enc(number));
		assertThat(answer.statusCode()).isEqualTo(422);
		assertThat(answer.body()).contains("does not match the birth date");
		HttpResponse<String> sex = post("/patients/new", "_csrf=" + csrf + "&family=Claes&birthDate=1985-07-30"
				+ "&gender=female&nationalNumber=" + enc(number));
		assertThat(sex.body()).contains("does not match the sex");
	}

	@Test
	void validRegistrationRedirectsToTheNewPatientsChart() throws Exception {
		String u = TestPatients.uniqueWord();
		String csrf = csrf(get("/patients/new").body());
		HttpResponse<String> answer = post("/patients/new", "_csrf=" + csrf + "&family=" + enc("Lemaître") + "&given="
				+ u + "&birthDate=1990-02-03&gender=female&language=fr&city=Namur&postalCode=5000");
		assertThat(answer.statusCode()).isEqualTo(302);
		PatientPage found = patients.search(PatientQuery.text("lemaitre " + u, 5));
		assertThat(found.patients()).hasSize(1);
		assertThat(answer.headers().firstValue("Location").orElseThrow())
			.endsWith("/patients/" + found.patients().get(0).id());
		assertThat(found.patients().get(0).data().language()).isEqualTo("fr");
	}

}

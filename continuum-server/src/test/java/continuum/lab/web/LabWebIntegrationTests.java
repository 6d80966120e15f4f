package continuum.lab.web;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.ContinuumIntegrationTest;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderId;
import continuum.lab.LabOrderService;
import continuum.lab.LabResult;
import continuum.lab.NewLabOrder;
import continuum.lab.Priority;
import continuum.lab.ResultService;
import continuum.lab.Specimen;
import continuum.lab.SpecimenCondition;
import continuum.lab.SpecimenService;
import continuum.lab.SpecimenStatus;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.web.WebSession;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The laboratory's pages through real HTTP, signed in as the roles that use them: order
 * entry, the order page, labels, collection, reception, benches, verification, release
 * and correction, with each flow's refusals shown as messages (never a stack trace) and
 * each role kept to its own pages.
 */
@ContinuumIntegrationTest
class LabWebIntegrationTests {

	static final String CBC = "58410-2";

	static final String CRP = "1988-5";

	static final String ESR = "4537-7";

	static final String POTASSIUM_PANEL = "51990-0";

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	LabOrderService orders;

	@Autowired
	SpecimenService specimens;

	@Autowired
	ResultService results;

	@Autowired
	JdbcClient jdbc;

	PatientId patient;

	String mrn;

	@BeforeEach
	void patient() {
		patient = patients
			.register(new PatientData(List.of(), "Claes", List.of("Wannes"), null, LocalDate.of(1961, 4, 12),
					Gender.MALE, Address.NONE, null, null, "nl", false))
			.id();
		mrn = jdbc.sql("select mrn from patient where id = :id")
			.param("id", patient.value())
			.query(String.class)
			.single();
	}

	@Test
	void physicianOrdersFromTheChartAndLandsOnTheOrderPage() throws Exception {
		WebSession physician = WebSession.signIn(port, "physician");
		assertThat(physician.get("/patients/" + patient).body())
			.contains("href=\"/patients/" + patient + "/lab/orders/new\"");
		HttpResponse<String> form = physician.get("/patients/" + patient + "/lab/orders/new");
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("CLAES, Wannes", "Complete blood count", "WBC, RBC, Hb, Hct, MCV, PLT",
				"value=\"" + CRP + "\"", "stat");

		HttpResponse<String> placed = physician.post("/patients/" + patient + "/lab/orders",
				List.of(Map.entry("orderable", CBC), Map.entry("orderable", CRP), Map.entry("priority", "stat"),
						Map.entry("note", "Fever since yesterday")));
		assertThat(placed.statusCode()).isEqualTo(302);
		String location = java.net.URI.create(WebSession.location(placed)).getPath();
		assertThat(location).matches(".*/lab/orders/\\d+");
		LabOrder order = orders.get(LabOrderId.of(location.substring(location.lastIndexOf('/') + 1)));
		assertThat(order.patient()).isEqualTo(patient);
		assertThat(order.priority()).isEqualTo(Priority.STAT);
		assertThat(order.orderedBy()).isEqualTo("physician");

		String page = physician.get(location).body();
		assertThat(page).contains("placed with 2 specimens", order.placerNumber(), order.placerNumber() + "-1",
				order.placerNumber() + "-2", "Complete blood count", "EDTA tube (lavender)", "Serum gel tube (gold)",
				"WBC RBC Hb Hct MCV PLT", "Fever since yesterday", "Print label", "labels.pdf", "Cancel the tests",
				"No result released yet");
		// A physician draws no specimens.
		assertThat(page).doesNotContain("/collected");
		assertThat(WebSession.signIn(port, "nurse").get(location).body()).contains("/collected")
			.doesNotContain("Cancel the tests");
	}

	@Test
	void orderEntryRefusalsComeBackOnTheFormWithWhatWasChosen() throws Exception {
		WebSession physician = WebSession.signIn(port, "physician");
		physician.get("/patients/" + patient + "/lab/orders/new");
		HttpResponse<String> none = physician.post("/patients/" + patient + "/lab/orders",
				List.of(Map.entry("priority", "urgent"), Map.entry("note", "kept")));
		assertThat(none.statusCode()).isEqualTo(422);
		assertThat(none.body()).contains("role=\"alert\"", "An order names at least one test", ">kept</textarea>")
			.doesNotContain("Exception", "at continuum.");
		HttpResponse<String> badPriority = physician.post("/patients/" + patient + "/lab/orders",
				List.of(Map.entry("orderable", CRP), Map.entry("priority", "whenever")));
		assertThat(badPriority.statusCode()).isEqualTo(422);
		assertThat(badPriority.body()).contains("Unknown priority whenever")
			.containsPattern("value=\"" + CRP + "\"\\s+checked");
		HttpResponse<String> unknown = physician.post("/patients/" + patient + "/lab/orders",
				List.of(Map.entry("orderable", "0000-0")));
		assertThat(unknown.statusCode()).isEqualTo(422);
		assertThat(unknown.body()).contains("Unknown test code 0000-0");
		assertThat(physician.get("/patients/987654321/lab/orders/new").statusCode()).isEqualTo(404);
		assertThat(physician.get("/lab/orders/987654321").statusCode()).isEqualTo(404);

		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get("/patients/" + patient).body()).doesNotContain("/lab/orders/new");
		assertThat(nurse.get("/patients/" + patient + "/lab/orders/new").statusCode()).isEqualTo(403);
	}

	@Test
	void labelsArePdfsOfOnePageAPerSpecimenWhoseBarcodesReadBack() throws Exception {
		LabOrder order = place(CBC, CRP);
		WebSession nurse = WebSession.signIn(port, "nurse");
		String accession = order.specimens().get(0).accession();
		HttpResponse<byte[]> one = nurse.download("/lab/specimens/" + accession + "/label.pdf");
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(one.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(one.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		try (PDDocument document = Loader.loadPDF(one.body())) {
			assertThat(document.getNumberOfPages()).isEqualTo(1);
			assertThat(document.getPage(0).getMediaBox().getWidth()).isEqualTo(144f);
			assertThat(document.getPage(0).getMediaBox().getHeight()).isEqualTo(72f);
			assertThat(new PDFTextStripper().getText(document)).contains("CLAES, Wannes", "MRN " + mrn,
					"DOB 12/04/1961", accession, order.specimens().get(0).container());
		}
		assertThat(LabelPdfTests.readBarcode(one.body(), 0)).isEqualTo(accession);

		HttpResponse<byte[]> all = nurse.download("/lab/orders/" + order.id() + "/labels.pdf");
		assertThat(all.statusCode()).isEqualTo(200);
		try (PDDocument document = Loader.loadPDF(all.body())) {
			assertThat(document.getNumberOfPages()).isEqualTo(2);
		}
		assertThat(LabelPdfTests.readBarcode(all.body(), 1)).isEqualTo(order.specimens().get(1).accession());
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'nurse' and action = 'READ'
				  and resource_type = 'Specimen' and resource_id = :accession""")
			.param("accession", accession)
			.query(Long.class)
			.single()).as("the label is a read of the specimen").isPositive();
		assertThat(nurse.download("/lab/specimens/9999999999/label.pdf").statusCode()).isEqualTo(404);
		assertThat(nurse.download("/lab/specimens/not%20one/label.pdf").statusCode()).isEqualTo(404);
	}

	@Test
	void nurseCollectsFromTheRoundAndASecondClickIsAMessage() throws Exception {
		LabOrder order = place(CRP);
		String accession = order.specimens().get(0).accession();
		WebSession nurse = WebSession.signIn(port, "nurse");
		String round = nurse.get("/lab/collection").body();
		assertThat(round).contains("id=\"specimen-" + accession + "\"", "CLAES, Wannes", mrn, "CRP",
				"/lab/specimens/" + accession + "/label.pdf");
		HttpResponse<String> collected = nurse.post("/lab/specimens/" + accession + "/collected",
				Map.of("back", "collection"));
		assertThat(collected.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(collected)).endsWith("/lab/collection");
		assertThat(nurse.get("/lab/collection").body()).contains("Specimen " + accession + " collected")
			.doesNotContain("id=\"specimen-" + accession + "\"");
		Specimen specimen = specimens.get(accession);
		assertThat(specimen.status()).isEqualTo(SpecimenStatus.COLLECTED);
		assertThat(specimen.collectedBy()).isEqualTo("nurse");

		HttpResponse<String> again = nurse.post("/lab/specimens/" + accession + "/collected",
				Map.of("back", "collection"));
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("role=\"alert\"", "already collected").doesNotContain("Exception");

		assertThat(WebSession.signIn(port, "physician").get("/lab/collection").statusCode()).isEqualTo(403);
	}

	@Test
	void receptionFindsTheScannedSpecimenReceivesItOrRejectsItForARecollection() throws Exception {
		LabOrder order = place(CBC, CRP);
		String blood = order.specimens().get(0).accession();
		String serum = order.specimens().get(1).accession();
		WebSession labtech = WebSession.signIn(port, "labtech");
		HttpResponse<String> scanned = labtech.get("/lab/reception?accession=%20" + blood + "%20");
		assertThat(scanned.statusCode()).isEqualTo(200);
		assertThat(scanned.body()).contains("<span>" + blood + "</span>", "id=\"specimen-status\">ordered",
				"CLAES, Wannes", mrn, order.placerNumber(), "EDTA tube (lavender)", "WBC RBC", "Receive (acceptable)",
				"Haemolysed", "Mislabelled");

		HttpResponse<String> received = labtech.post("/lab/reception/" + blood, Map.of("condition", "ACCEPTABLE"));
		assertThat(received.statusCode()).isEqualTo(302);
		assertThat(labtech.get("/lab/reception").body()).contains("Specimen " + blood + " received");
		assertThat(specimens.get(blood).status()).isEqualTo(SpecimenStatus.RECEIVED);
		assertThat(specimens.get(blood).receivedBy()).isEqualTo("labtech");

		labtech.get("/lab/reception?accession=" + serum);
		HttpResponse<String> rejected = labtech.post("/lab/reception/" + serum,
				Map.of("condition", "HAEMOLYSED", "reason", "pink serum"));
		assertThat(rejected.statusCode()).isEqualTo(302);
		String after = labtech.get("/lab/reception").body();
		Specimen rejectedSpecimen = specimens.get(serum);
		assertThat(rejectedSpecimen.status()).isEqualTo(SpecimenStatus.REJECTED);
		assertThat(rejectedSpecimen.condition()).isEqualTo(SpecimenCondition.HAEMOLYSED);
		String recollection = orders.get(order.id())
			.specimens()
			.stream()
			.filter(s -> serum.equals(s.recollectionOf()))
			.findFirst()
			.orElseThrow()
			.accession();
		assertThat(after).contains("rejected (Haemolysed)", "Recollection asked for",
				"/lab/specimens/" + recollection + "/label.pdf");

		HttpResponse<String> twice = labtech.post("/lab/reception/" + blood, Map.of("condition", "ACCEPTABLE"));
		assertThat(twice.statusCode()).isEqualTo(409);
		assertThat(twice.body()).contains("role=\"alert\"", "was already received");
		HttpResponse<String> unknown = labtech.get("/lab/reception?accession=1234");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("No specimen with accession number 1234", "id=\"accession\"");
		HttpResponse<String> badCondition = labtech.post("/lab/reception/" + recollection,
				Map.of("condition", "GREEN"));
		assertThat(badCondition.statusCode()).isEqualTo(422);
		assertThat(badCondition.body()).contains("Unknown specimen condition GREEN");

		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get("/lab/reception").statusCode()).isEqualTo(403);
		nurse.get("/lab/collection");
		assertThat(nurse.post("/lab/reception/" + recollection, Map.of("condition", "ACCEPTABLE")).statusCode())
			.isEqualTo(403);
		assertThat(specimens.get(recollection).status()).isEqualTo(SpecimenStatus.ORDERED);
	}

	@Test
	void manualBenchTakesAResultPerLineAndShowsARefusedValueOnItsLine() throws Exception {
		LabOrder order = place(ESR);
		String accession = receive(order).get(0);
		WebSession labtech = WebSession.signIn(port, "labtech");
		assertThat(labtech.get("/lab/benches").body()).contains("Manual bench", "/lab/benches/MANUAL", "SYSMEX-XN");
		String bench = labtech.get("/lab/benches/MANUAL").body();
		assertThat(bench).contains("id=\"line-" + accession + "-" + ESR + "\"", "CLAES, Wannes", "ESR");

		HttpResponse<String> wrong = labtech.post("/lab/benches/MANUAL/results",
				Map.of("accession", accession, "test", ESR, "value", "fast"));
		assertThat(wrong.statusCode()).isEqualTo(422);
		assertThat(wrong.body()).contains("class=\"field-error\"", "must be a number", "value=\"fast\"")
			.doesNotContain("Exception");
		HttpResponse<String> entered = labtech.post("/lab/benches/MANUAL/results",
				Map.of("accession", accession, "test", ESR, "value", "38"));
		assertThat(entered.statusCode()).isEqualTo(302);
		String after = labtech.get("/lab/benches/MANUAL").body();
		assertThat(after).contains("ESR 38 entered for specimen " + accession)
			.doesNotContain("id=\"line-" + accession + "-" + ESR + "\"");
		assertThat(after.substring(after.indexOf("id=\"entered\""))).contains(accession, "38", "mm/h");

		HttpResponse<String> notOrdered = labtech.post("/lab/benches/MANUAL/results",
				Map.of("accession", accession, "test", "2106-3", "value", "negative"));
		assertThat(notOrdered.statusCode()).isEqualTo(422);
		assertThat(notOrdered.body()).contains("was not ordered on specimen " + accession);
		assertThat(labtech.get("/lab/benches/NOPE").statusCode()).isEqualTo(404);
		assertThat(WebSession.signIn(port, "nurse").get("/lab/benches/MANUAL").statusCode()).isEqualTo(403);
	}

	@Test
	void technologistVerifiesClinicalBiologistReleasesAndTheOrderPageShowsTheResults() throws Exception {
		LabOrder order = place(POTASSIUM_PANEL);
		String accession = receive(order).get(0);
		LabResult potassium = results.enter(accession, "2823-3", "7.1");
		LabResult sodium = results.enter(accession, "2951-2", "139");

		WebSession labtech = WebSession.signIn(port, "labtech");
		String queue = labtech.get("/lab/verification?bench=CHEM").body();
		assertThat(queue).contains("id=\"result-" + potassium.id() + "\"", mrn, accession, "7.1", "mmol/L", "3.5-5.1",
				">HH<", "CRITICAL", "class=\"critical\"");
		HttpResponse<String> nothing = labtech.post("/lab/verification", Map.of("bench", "CHEM"));
		assertThat(nothing.statusCode()).isEqualTo(422);
		assertThat(nothing.body()).contains("No result chosen");
		HttpResponse<String> verified = labtech.post("/lab/verification",
				List.of(Map.entry("result", potassium.id().asString()), Map.entry("result", sodium.id().asString()),
						Map.entry("bench", "CHEM")));
		assertThat(verified.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(verified)).endsWith("/lab/verification?bench=CHEM");
		HttpResponse<String> again = labtech.post("/lab/verification",
				List.of(Map.entry("result", potassium.id().asString())));
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("is verified, not entered");

		String releaseAsTech = labtech.get("/lab/release").body();
		assertThat(releaseAsTech).contains("id=\"result-" + potassium.id() + "\"", "Only a clinical biologist")
			.doesNotContain("Release the ticked results", "name=\"result\"");
		assertThat(labtech.post("/lab/release", List.of(Map.entry("result", potassium.id().asString()))).statusCode())
			.isEqualTo(403);

		WebSession labmed = WebSession.signIn(port, "labmed");
		assertThat(labmed.get("/lab/release").body()).contains("Release the ticked results");
		HttpResponse<String> released = labmed.post("/lab/release",
				List.of(Map.entry("result", potassium.id().asString()), Map.entry("result", sodium.id().asString())));
		assertThat(released.statusCode()).isEqualTo(302);
		assertThat(results.get(potassium.id()).released()).isTrue();

		String page = WebSession.signIn(port, "physician").get("/lab/orders/" + order.id()).body();
		assertThat(page)
			.contains("id=\"result-" + potassium.id() + "\"", "7.1", "HH", "id=\"result-" + sodium.id() + "\"", "139")
			.doesNotContain("Correct…");
	}

	@Test
	void clinicalBiologistCorrectsAReleasedResultAndTheOrderPageKeepsItsHistory() throws Exception {
		LabOrder order = place(CRP);
		String accession = receive(order).get(0);
		LabResult crp = results.enter(accession, CRP, "48");
		results.verify(List.of(crp.id()));
		results.release(List.of(crp.id()));

		WebSession labmed = WebSession.signIn(port, "labmed");
		assertThat(labmed.get("/lab/orders/" + order.id()).body()).contains("Correct…");
		HttpResponse<String> noReason = labmed.post("/lab/results/" + crp.id() + "/correct", Map.of("value", "4.8"));
		assertThat(noReason.statusCode()).isEqualTo(422);
		assertThat(noReason.body()).contains("A correction needs a reason", order.placerNumber());
		HttpResponse<String> corrected = labmed.post("/lab/results/" + crp.id() + "/correct",
				Map.of("value", "4.8", "reason", "decimal point misplaced"));
		assertThat(corrected.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(corrected)).endsWith("/lab/orders/" + order.id());

		String page = WebSession.signIn(port, "physician").get("/lab/orders/" + order.id()).body();
		assertThat(page).contains("4.8", "corrected", "History:", "48", "decimal point misplaced", "labmed");
		WebSession labtech = WebSession.signIn(port, "labtech");
		labtech.get("/lab/orders/" + order.id());
		assertThat(labtech.post("/lab/results/" + crp.id() + "/correct", Map.of("value", "5", "reason", "no"))
			.statusCode()).isEqualTo(403);
	}

	@Test
	void physicianCancelsWithAReasonAndWithoutOneIsToldSo() throws Exception {
		LabOrder order = place(CBC, CRP);
		WebSession physician = WebSession.signIn(port, "physician");
		physician.get("/lab/orders/" + order.id());
		HttpResponse<String> noReason = physician.post("/lab/orders/" + order.id() + "/cancel",
				List.of(Map.entry("item", order.items().get(1).id().asString())));
		assertThat(noReason.statusCode()).isEqualTo(422);
		assertThat(noReason.body()).contains("Cancelling an order needs a reason", "id=\"order-error\"");
		HttpResponse<String> cancelled = physician.post("/lab/orders/" + order.id() + "/cancel",
				List.of(Map.entry("item", order.items().get(1).id().asString()), Map.entry("reason", "ordered twice"),
						Map.entry("version", Integer.toString(orders.get(order.id()).version()))));
		assertThat(cancelled.statusCode()).isEqualTo(302);
		String page = physician.get("/lab/orders/" + order.id()).body();
		assertThat(page).contains("Cancelled. The order is now active.", "revoked");
		HttpResponse<String> stale = physician.post("/lab/orders/" + order.id() + "/cancel",
				List.of(Map.entry("reason", "all of it"), Map.entry("version", "1")));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("is at version");
		WebSession nurse = WebSession.signIn(port, "nurse");
		nurse.get("/lab/collection");
		assertThat(nurse.post("/lab/orders/" + order.id() + "/cancel", Map.of("reason", "x")).statusCode())
			.isEqualTo(403);
	}

	@Test
	void topBarOffersTheLaboratoryToItsRolesAndTheRoundToNurses() throws Exception {
		String labtech = WebSession.signIn(port, "labtech").get("/lab").body();
		assertThat(nav(labtech)).contains("href=\"/lab\"").doesNotContain("href=\"/lab/collection\"");
		assertThat(labtech).contains("href=\"/lab/reception\"", "href=\"/lab/benches\"", "href=\"/lab/verification\"",
				"Waiting for release");
		assertThat(WebSession.signIn(port, "labmed").get("/lab").body()).contains("Medical release");
		WebSession nurse = WebSession.signIn(port, "nurse");
		String nurseHome = nurse.get("/").body();
		assertThat(nav(nurseHome)).contains("href=\"/lab/collection\"").doesNotContain("href=\"/lab\"");
		assertThat(nurse.get("/lab").body()).contains("href=\"/lab/collection\"")
			.doesNotContain("href=\"/lab/reception\"");
		WebSession physician = WebSession.signIn(port, "physician");
		assertThat(nav(physician.get("/").body())).doesNotContain("href=\"/lab\"", "href=\"/lab/collection\"");
		assertThat(physician.get("/lab").statusCode()).isEqualTo(403);
	}

	private static String nav(String page) {
		Matcher nav = Pattern.compile("<nav>(.*?)</nav>", Pattern.DOTALL).matcher(page);
		assertThat(nav.find()).isTrue();
		return nav.group(1);
	}

	private LabOrder place(String... orderables) {
		return orders.place(new NewLabOrder(patient, List.of(orderables), Priority.ROUTINE, null));
	}

	/** Collects and receives every specimen of the order; answers their accessions. */
	private List<String> receive(LabOrder order) {
		List<String> received = new ArrayList<>();
		for (Specimen specimen : order.specimens()) {
			specimens.collect(specimen.accession(), null);
			specimens.receive(specimen.accession(), SpecimenCondition.ACCEPTABLE, null);
			received.add(specimen.accession());
		}
		return received;
	}

}

package continuum.fhir;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import continuum.imaging.ImagingFixtures;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingReportService.ReportText;
import continuum.imaging.ReportFixtures;
import continuum.imaging.ReportFixtures.Procedure;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.ResultService;
import continuum.lab.SpecimenService;
import continuum.lab.fhir.LabFhirFixtures;
import continuum.patients.Identifier;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static continuum.fhir.SearchHttp.at;
import static continuum.fhir.SearchHttp.encode;
import static continuum.fhir.SearchHttp.ids;
import static continuum.fhir.SearchHttp.outcome;
import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parameters every type has on ServiceRequest and DiagnosticReport, which two modules
 * answer (the laboratory and radiology): {@code _sort} and paging merged across both
 * sources as one order, {@code _id}, {@code _lastUpdated}, {@code _summary},
 * {@code _elements}, {@code _total}, chains on {@code patient}, restricted patients left
 * out, and the errors, through HTTP.
 */
@ContinuumIntegrationTest
class CommonSearchOrdersIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ReportFixtures reportFixtures;

	@Autowired
	ImagingFixtures imaging;

	@Autowired
	ImagingReportService reports;

	@Autowired
	PatientService patientService;

	@Autowired
	LabOrderService orders;

	@Autowired
	SpecimenService specimens;

	@Autowired
	ResultService results;

	@Autowired
	RestrictionService restrictions;

	SearchHttp physician;

	LabFhirFixtures lab;

	@BeforeEach
	void clients() {
		physician = new SearchHttp(port, "physician");
		lab = new LabFhirFixtures(patientService, orders, specimens, results);
	}

	static String uniqueFamily() {
		String letters = "bcdfghjklmnpqrstvwxz";
		StringBuilder family = new StringBuilder("Zw");
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < 9; i++) {
			family.append(letters.charAt(random.nextInt(letters.length())));
		}
		return family.toString();
	}

	/**
	 * A patient with a laboratory order and two imaging orders placed a day before and a
	 * day after it: the ServiceRequests in authored order are imaging, laboratory,
	 * imaging, while each source alone would list its own first.
	 */
	record Orders(PatientId patient, String family, String before, String labId, String after, Instant labAuthored,
			Instant labUpdated) {
	}

	Orders orders() {
		String family = uniqueFamily();
		PatientId patient = imaging.patient(family, "Wendy");
		LabOrder order = lab.order(patient, "1988-5");
		String labId = LabFhirFixtures.item(order, "1988-5").asString();
		ServiceRequest read = FhirTestSupport.client(port, "physician")
			.read()
			.resource(ServiceRequest.class)
			.withId(labId)
			.execute();
		Instant authored = read.getAuthoredOn().toInstant();
		Procedure before = reportFixtures.procedure(patient, ReportFixtures.CT_CODE, "ROUTINE", "SCHEDULED",
				authored.minus(Duration.ofDays(1)));
		Procedure after = reportFixtures.procedure(patient, ReportFixtures.MR_CODE, "ROUTINE", "SCHEDULED",
				authored.plus(Duration.ofDays(1)));
		return new Orders(patient, family, "img-" + before.id(), labId, "img-" + after.id(), authored,
				read.getMeta().getLastUpdated().toInstant());
	}

	@Test
	void serviceRequestsSortAcrossTheLaboratoryAndRadiologyAsOneOrder() throws Exception {
		Orders o = orders();
		String mine = "ServiceRequest?patient=" + o.patient().asString();
		assertThat(ids(physician.search(mine))).containsExactlyInAnyOrder(o.before(), o.labId(), o.after());
		assertThat(ids(physician.search(mine + "&_sort=authored"))).containsExactly(o.before(), o.labId(), o.after());
		assertThat(ids(physician.search(mine + "&_sort=-authored"))).containsExactly(o.after(), o.labId(), o.before());
		assertThat(ids(physician.search(mine + "&_sort=_lastUpdated"))).containsExactly(o.before(), o.labId(),
				o.after());
		// Ids sort by the letters before their number (none for the laboratory), then the
		// number.
		assertThat(ids(physician.search(mine + "&_sort=_id"))).containsExactly(o.labId(), o.before(), o.after());
		assertThat(ids(physician.search(mine + "&_sort=-_id"))).containsExactly(o.after(), o.before(), o.labId());
		assertThat(ids(physician.search(mine + "&_sort=-_lastUpdated,_id"))).containsExactly(o.after(), o.labId(),
				o.before());
	}

	@Test
	void pagesOfASortedSearchAcrossSourcesHaveNoGapNorRepeat() throws Exception {
		Orders o = orders();
		String mine = "ServiceRequest?patient=" + o.patient().asString();
		assertThat(physician.allPages(mine + "&_sort=-authored&_count=1")).containsExactly(o.after(), o.labId(),
				o.before());
		assertThat(physician.allPages(mine + "&_sort=authored&_count=2")).containsExactly(o.before(), o.labId(),
				o.after());
		Bundle second = physician.search(mine + "&_sort=authored&_count=1&_offset=1");
		assertThat(ids(second)).containsExactly(o.labId());
		assertThat(second.getTotal()).isEqualTo(3);
		assertThat(second.getLink("next").getUrl()).contains("_sort=authored").contains("_offset=2");
		assertThat(second.getLink("previous").getUrl()).contains("_offset=0");
		assertThat(ids(physician.search(mine + "&_sort=authored&_count=5&_offset=3"))).isEmpty();
	}

	@Test
	void serviceRequestIdLastUpdatedSummaryElementsAndTotal() throws Exception {
		Orders o = orders();
		String mine = "ServiceRequest?patient=" + o.patient().asString();
		assertThat(ids(physician.search(mine + "&_id=" + o.labId() + "," + o.after())))
			.containsExactlyInAnyOrder(o.labId(), o.after());
		assertThat(ids(physician.search(mine + "&_id=img-0,nothing"))).isEmpty();
		assertThat(ids(physician.search(mine + "&_lastUpdated=gt" + at(o.labUpdated())))).containsExactly(o.after());
		assertThat(ids(physician.search(mine + "&_lastUpdated=lt" + at(o.labUpdated())))).containsExactly(o.before());
		assertThat(ids(physician.search(mine + "&_lastUpdated=eq" + at(o.labUpdated())))).containsExactly(o.labId());
		assertThat(ids(physician.search(mine + "&_lastUpdated=ne" + at(o.labUpdated()))))
			.containsExactlyInAnyOrder(o.before(), o.after());
		assertThat(ids(physician.search(mine + "&_lastUpdated=ge" + at(o.labUpdated()) + "&_sort=_lastUpdated")))
			.containsExactly(o.labId(), o.after());
		assertThat(ids(physician.search(mine + "&_lastUpdated=sa" + at(o.labUpdated())))).containsExactly(o.after());
		assertThat(ids(physician.search(mine + "&_lastUpdated=eb" + at(o.labUpdated())))).containsExactly(o.before());
		Bundle count = physician.search(mine + "&_summary=count");
		assertThat(count.getTotal()).isEqualTo(3);
		assertThat(count.getEntry()).isEmpty();
		Bundle summary = physician.search(mine + "&_summary=true&_sort=authored");
		assertThat(ids(summary)).containsExactly(o.before(), o.labId(), o.after());
		assertThat(summary.getEntryFirstRep().getResource().getMeta().getTag())
			.anyMatch(tag -> "SUBSETTED".equals(tag.getCode()));
		ServiceRequest thin = (ServiceRequest) physician.search(mine + "&_elements=status&_sort=authored")
			.getEntryFirstRep()
			.getResource();
		assertThat(thin.hasStatus()).isTrue();
		assertThat(thin.hasCode()).isFalse();
		assertThat(physician.search(mine + "&_total=none").hasTotal()).isFalse();
		assertThat(physician.search(mine + "&_total=accurate").getTotal()).isEqualTo(3);
	}

	@Test
	void serviceRequestChainsOnThePatientAndRestrictedPatientsLeftOut() throws Exception {
		Orders o = orders();
		String mrn = as("PHYSICIAN", () -> patientService.read(o.patient())).mrn();
		assertThat(ids(physician.search("ServiceRequest?patient.family=" + o.family() + "&_sort=authored")))
			.containsExactly(o.before(), o.labId(), o.after());
		assertThat(ids(physician.search("ServiceRequest?patient.name=" + o.family() + "&category=363679005")))
			.containsExactlyInAnyOrder(o.before(), o.after());
		assertThat(ids(physician
			.search("ServiceRequest?patient.identifier=" + encode(Identifier.MRN_SYSTEM + "|" + mrn) + "&_count=1")))
			.hasSize(1);
		assertThat(physician.search("ServiceRequest?patient.name=" + o.family() + "&_summary=count").getTotal())
			.isEqualTo(3);

		Orders hidden = orders();
		as("PRIVACY_OFFICER", () -> restrictions.restrict(hidden.patient(), RestrictionKind.VIP));
		Bundle restricted = physician.search("ServiceRequest?patient.family=" + hidden.family() + "&_sort=authored");
		assertThat(restricted.getEntry()).isEmpty();
		assertThat(restricted.getTotal()).isZero();
		Bundle byId = physician
			.search("ServiceRequest?_id=" + hidden.labId() + "," + hidden.after() + "," + o.labId() + "&_sort=-_id");
		assertThat(ids(byId)).containsExactly(o.labId());
		assertThat(byId.getTotal()).isEqualTo(1);
	}

	@Test
	void serviceRequestErrorsAreOperationOutcomesUnderStrictAndDroppedUnderLenient() throws Exception {
		Orders o = orders();
		String mine = "ServiceRequest?patient=" + o.patient().asString();
		assertThat(outcome(physician.get(mine + "&_sort=code"), 400)).contains("_sort=code");
		assertThat(outcome(physician.get(mine + "&_lastUpdated=xx2020"), 400)).isNotBlank();
		assertThat(outcome(physician.get(mine + "&authored=ap2026-01-01"), 400)).contains("ap");
		assertThat(outcome(physician.get(mine + "&status:text=active"), 400)).contains("status:text");
		assertThat(outcome(physician.get(mine + "&patient:missing=true"), 400)).contains("patient:missing");
		assertThat(outcome(physician.get("ServiceRequest?patient.gender=female"), 400)).contains("patient.gender");
		assertThat(outcome(physician.get(mine + "&_id:exact=1"), 400)).contains("_id:exact");
		Bundle lenient = physician.search(mine + "&status:text=active&_sort=authored", "Prefer", "handling=lenient");
		assertThat(ids(lenient)).containsExactly(o.before(), o.labId(), o.after());
		assertThat(lenient.getLink("self").getUrl()).contains("_sort=authored").doesNotContain("status");
	}

	@Test
	void codeTextMatchesTheTextOrDisplayInBothSources() throws Exception {
		Orders o = orders();
		IGenericClient client = FhirTestSupport.client(port, "physician");
		ServiceRequest labRequest = client.read().resource(ServiceRequest.class).withId(o.labId()).execute();
		ServiceRequest ct = client.read().resource(ServiceRequest.class).withId(o.before()).execute();
		String mine = "ServiceRequest?patient=" + o.patient().asString();
		assertThat(ids(physician.search(mine + "&code:text=" + encode(labRequest.getCode().getText().toUpperCase()))))
			.containsExactly(o.labId());
		assertThat(ids(physician.search(mine + "&code:text="
				+ encode(labRequest.getCode().getCodingFirstRep().getDisplay().substring(0, 5).toLowerCase()))))
			.contains(o.labId());
		assertThat(ids(physician.search(mine + "&code:text=" + encode(ct.getCode().getText()) + "&_sort=-authored")))
			.contains(o.before())
			.doesNotContain(o.labId());
		assertThat(ids(physician.search(mine + "&code:text=zzzz-nothing"))).isEmpty();

		Reports r = reports();
		DiagnosticReport labReport = client.read().resource(DiagnosticReport.class).withId(r.labId()).execute();
		String reportsOf = "DiagnosticReport?patient=" + r.patient().asString();
		assertThat(ids(physician.search(reportsOf + "&code:text=" + encode(labReport.getCode().getText()))))
			.containsExactly(r.labId());
		DiagnosticReport mr = client.read().resource(DiagnosticReport.class).withId(r.mr()).execute();
		assertThat(ids(physician
			.search(reportsOf + "&code:text=" + encode(mr.getCode().getText().toLowerCase()) + "&_sort=date")))
			.contains(r.mr())
			.doesNotContain(r.labId());
		Bundle observations = physician.search("Observation?patient=" + r.patient().asString());
		Observation result = (Observation) observations.getEntryFirstRep().getResource();
		assertThat(ids(physician.search("Observation?patient=" + r.patient().asString() + "&code:text="
				+ encode(result.getCode().getText().toLowerCase()))))
			.containsExactly(result.getIdElement().getIdPart());
		assertThat(ids(physician.search("Observation?patient=" + r.patient().asString() + "&code:text=zzzz")))
			.isEmpty();
	}

	/**
	 * A radiology report signed, then a laboratory report (its specimen collected after
	 * the signature), then a preliminary radiology report: by {@code date}, the sources
	 * interleave.
	 */
	record Reports(PatientId patient, String family, String ct, String labId, String mr) {
	}

	Reports reports() {
		String family = uniqueFamily();
		PatientId patient = imaging.patient(family, "Xavier");
		Procedure ct = reportFixtures.procedure(patient, ReportFixtures.CT_CODE, "ROUTINE", "COMPLETED",
				Instant.now().minus(Duration.ofHours(2)));
		Procedure mr = reportFixtures.procedure(patient, ReportFixtures.MR_CODE, "ROUTINE", "COMPLETED",
				Instant.now().minus(Duration.ofHours(2)));
		String ctId = as("RADIOLOGIST",
				() -> reports.sign(ct.id(), null, new ReportText("Findings.", "Impression.")).id().asString());
		LabOrder order = lab.order(patient, "1988-5");
		lab.receiveAll(order);
		lab.release(lab.enter(order, "1988-5", "1988-5", "4.2"));
		String labId = LabFhirFixtures.item(order, "1988-5").asString();
		String mrId = as("RADIOLOGIST",
				() -> reports.savePreliminary(mr.id(), null, new ReportText("Findings.", "")).id().asString());
		return new Reports(patient, family, ctId, labId, mrId);
	}

	@Test
	void diagnosticReportsSortAndPageAcrossBothSources() throws Exception {
		Reports r = reports();
		String mine = "DiagnosticReport?patient=" + r.patient().asString();
		assertThat(ids(physician.search(mine + "&_sort=date"))).containsExactly(r.ct(), r.labId(), r.mr());
		assertThat(ids(physician.search(mine + "&_sort=-date"))).containsExactly(r.mr(), r.labId(), r.ct());
		assertThat(physician.allPages(mine + "&_sort=-date&_count=1")).containsExactly(r.mr(), r.labId(), r.ct());
		assertThat(physician.allPages(mine + "&_sort=date&_count=2")).containsExactly(r.ct(), r.labId(), r.mr());
		assertThat(ids(physician.search(mine + "&_sort=_id"))).containsExactly(r.labId(), r.ct(), r.mr());
		Bundle page = physician.search(mine + "&_sort=date&_count=1&_offset=1&_include=DiagnosticReport:patient");
		assertThat(page.getEntry()).extracting(e -> e.getResource().fhirType() + ":" + e.getSearch().getMode())
			.containsExactly("DiagnosticReport:MATCH", "Patient:INCLUDE");
		assertThat(ids(page)).containsExactly(r.labId());
		assertThat(page.getTotal()).isEqualTo(3);
		// Sorted within one source, as before.
		assertThat(ids(physician.search(mine + "&category=RAD&_sort=-date"))).containsExactly(r.mr(), r.ct());
	}

	@Test
	void diagnosticReportCommonParametersChainsAndRestrictedPatients() throws Exception {
		Reports r = reports();
		String mine = "DiagnosticReport?patient=" + r.patient().asString();
		assertThat(ids(physician.search(mine + "&_id=" + r.labId() + "," + r.mr())))
			.containsExactlyInAnyOrder(r.labId(), r.mr());
		Bundle all = physician.search(mine + "&_sort=_lastUpdated");
		assertThat(all.getEntry()).hasSize(3);
		List<Instant> updated = new ArrayList<>();
		all.getEntry().forEach(e -> updated.add(e.getResource().getMeta().getLastUpdated().toInstant()));
		assertThat(updated).isSorted();
		Instant middle = updated.get(1);
		assertThat(ids(physician.search(mine + "&_lastUpdated=ge" + at(middle) + "&_sort=_lastUpdated")))
			.containsExactly(ids(all).get(1), ids(all).get(2));
		assertThat(ids(physician.search(mine + "&_lastUpdated=lt" + at(middle)))).containsExactly(ids(all).get(0));
		Bundle count = physician.search(mine + "&_summary=count");
		assertThat(count.getTotal()).isEqualTo(3);
		assertThat(count.getEntry()).isEmpty();
		assertThat(physician.search(mine + "&_total=none&_sort=date").hasTotal()).isFalse();
		assertThat(ids(physician.search("DiagnosticReport?patient.family=" + r.family() + "&_sort=-date")))
			.containsExactly(r.mr(), r.labId(), r.ct());
		assertThat(ids(physician.search("DiagnosticReport?patient.name=" + r.family() + "&category=LAB")))
			.containsExactly(r.labId());
		assertThat(outcome(physician.get(mine + "&_sort=issued"), 400)).contains("_sort=issued");
		assertThat(outcome(physician.get("DiagnosticReport?patient.birthdate=2000-01-01"), 400))
			.contains("patient.birthdate");

		Reports hidden = reports();
		as("PRIVACY_OFFICER", () -> restrictions.restrict(hidden.patient(), RestrictionKind.VIP));
		Bundle restricted = physician.search("DiagnosticReport?patient.family=" + hidden.family() + "&_sort=date");
		assertThat(restricted.getEntry()).isEmpty();
		assertThat(restricted.getTotal()).isZero();
		Bundle byId = physician.search("DiagnosticReport?_id=" + hidden.ct() + "," + hidden.labId() + "," + r.ct()
				+ "&_sort=date&_summary=count");
		assertThat(byId.getTotal()).isEqualTo(1);
	}

}

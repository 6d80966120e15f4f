package continuum.imaging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.ImagingReportService.ReportText;
import continuum.imaging.ReportFixtures.Procedure;
import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reports through their service, each step as the role that takes it: draft, preliminary,
 * signed, amended with every version kept, concurrent edits refused, who may write and
 * who sees what, audit rows and change-feed entries, and the radiologist's worklist.
 */
@ContinuumIntegrationTest
@RecordApplicationEvents
class ImagingReportIntegrationTests {

	static final Instant AT = Instant.parse("2026-03-01T09:15:00Z");

	@Autowired
	ReportFixtures fixtures;

	@Autowired
	ImagingReportService reports;

	@Autowired
	ReadingService reading;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@Test
	void keepsEveryVersionFromDraftToAmended() {
		Procedure procedure = completed("ROUTINE");
		ImagingReport draft = as("RADIOLOGIST",
				() -> reports.saveDraft(procedure.id(), null, new ReportText("No focal lesion.", "")));
		assertThat(draft.status()).isEqualTo(ImagingReportStatus.DRAFT);
		assertThat(draft.version()).isEqualTo(1);
		assertThat(draft.author()).isEqualTo("radiologist");
		ImagingReport preliminary = as("RADIOLOGIST", () -> reports.savePreliminary(procedure.id(), 1,
				new ReportText("No focal lesion.", "Probably normal.")));
		ImagingReport signed = as("RADIOLOGIST", () -> reports.sign(procedure.id(), preliminary.version(),
				new ReportText("No focal lesion. Clear lungs.", "Normal chest CT.")));
		assertThat(signed.status()).isEqualTo(ImagingReportStatus.FINAL);
		assertThat(signed.verifiedBy()).isEqualTo("radiologist");
		assertThat(signed.verifiedAt()).isNotNull();
		ImagingReport amended = as("RADIOLOGIST",
				() -> reports.amend(procedure.id(), signed.version(),
						new ReportText("Small nodule right upper lobe.", "4 mm nodule; no follow-up needed."),
						"nodule missed at first reading"));
		assertThat(amended.status()).isEqualTo(ImagingReportStatus.AMENDED);
		assertThat(amended.version()).isEqualTo(4);
		assertThat(amended.impression()).isEqualTo("4 mm nodule; no follow-up needed.");

		List<ImagingReportVersion> history = as("RADIOLOGIST", () -> reports.history(amended.id()));
		assertThat(history).extracting(ImagingReportVersion::status)
			.containsExactly(ImagingReportStatus.DRAFT, ImagingReportStatus.PRELIMINARY, ImagingReportStatus.FINAL,
					ImagingReportStatus.AMENDED);
		assertThat(history.get(2).impression()).isEqualTo("Normal chest CT.");
		assertThat(history.get(3).reason()).isEqualTo("nodule missed at first reading");
		assertThat(history).extracting(ImagingReportVersion::author).containsOnly("radiologist");

		assertThat(events.stream(ImagingReportFinalised.class).filter(e -> e.report().equals(signed.id())))
			.singleElement()
			.satisfies(e -> assertThat(e.verifiedBy()).isEqualTo("radiologist"));
		assertThat(events.stream(ImagingReportAmended.class).filter(e -> e.report().equals(signed.id())))
			.singleElement()
			.satisfies(e -> assertThat(e.version()).isEqualTo(4));
		assertThat(jdbc
			.sql("select operation from change_feed where resource_type = 'DiagnosticReport'"
					+ " and resource_id = ? order by id")
			.param(signed.id().asString())
			.query(String.class)
			.list()).containsExactly("CREATE", "UPDATE");
	}

	@Test
	void refusesAConcurrentEdit() {
		Procedure procedure = completed("ROUTINE");
		ImagingReport draft = as("RADIOLOGIST",
				() -> reports.saveDraft(procedure.id(), null, new ReportText("First.", "")));
		as("RADIOLOGIST",
				() -> reports.saveDraft(procedure.id(), draft.version(), new ReportText("Second writer.", "")));
		assertThatThrownBy(() -> as("RADIOLOGIST",
				() -> reports.sign(procedure.id(), draft.version(), new ReportText("First writer.", "Normal."))))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("version 2");
		assertThatThrownBy(() -> as("RADIOLOGIST",
				() -> reports.saveDraft(procedure.id(), null, new ReportText("A second report.", ""))))
			.isInstanceOf(ConflictException.class);
		assertThat(as("RADIOLOGIST", () -> reports.ofProcedure(procedure.id())).orElseThrow().findings())
			.isEqualTo("Second writer.");
	}

	@Test
	void onlyRadiologistsWriteAndAWriteIsAudited() {
		Procedure procedure = completed("ROUTINE");
		for (String role : List.of("PHYSICIAN", "NURSE", "RADIOGRAPHER")) {
			assertThatThrownBy(
					() -> as(role, () -> reports.saveDraft(procedure.id(), null, new ReportText("Findings.", ""))))
				.isInstanceOf(AccessDeniedException.class);
		}
		ImagingReport signed = as("RADIOLOGIST",
				() -> reports.sign(procedure.id(), null, new ReportText("Findings.", "Impression.")));
		as("PHYSICIAN", () -> reports.get(signed.id()));
		assertThat(jdbc
			.sql("select action || ':' || username || ':' || patient_id from audit_log"
					+ " where resource_type = 'DiagnosticReport' and resource_id = ? order by id")
			.param(signed.id().asString())
			.query(String.class)
			.list()).containsExactly("CREATE:radiologist:" + procedure.patient().asString(),
					"READ:physician:" + procedure.patient().asString());
		assertThat(jdbc
			.sql("select count(*) from audit_log where resource_type = 'DiagnosticReport'"
					+ " and outcome = 'DENIED' and patient_id = ?")
			.param(procedure.patient().asString())
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	@Test
	void cliniciansSeePreliminaryAndSignedReportsButNoDrafts() {
		Procedure procedure = completed("ROUTINE");
		ImagingReport draft = as("RADIOLOGIST",
				() -> reports.saveDraft(procedure.id(), null, new ReportText("Draft text.", "")));
		assertThat(as("PHYSICIAN", () -> reports.ofPatient(procedure.patient()))).isEmpty();
		assertThat(as("NURSE", () -> reports.ofProcedure(procedure.id()))).isEmpty();
		assertThatThrownBy(() -> as("PHYSICIAN", () -> reports.get(draft.id())))
			.isInstanceOf(ImagingReportNotFoundException.class);
		as("RADIOLOGIST", () -> reports.savePreliminary(procedure.id(), draft.version(),
				new ReportText("Wet read.", "No fracture.")));
		assertThat(as("NURSE", () -> reports.ofPatient(procedure.patient()))).singleElement()
			.satisfies(r -> assertThat(r.status()).isEqualTo(ImagingReportStatus.PRELIMINARY));
		assertThat(as("PHYSICIAN", () -> reports.history(draft.id()))).extracting(ImagingReportVersion::status)
			.containsExactly(ImagingReportStatus.PRELIMINARY);
	}

	@Test
	void refusesWhatAReportCannotBecome() {
		Procedure procedure = completed("ROUTINE");
		assertThatThrownBy(() -> as("RADIOLOGIST",
				() -> reports.sign(procedure.id(), null, new ReportText("Findings only.", " "))))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("impression");
		assertThatThrownBy(
				() -> as("RADIOLOGIST", () -> reports.saveDraft(procedure.id(), null, new ReportText(" ", ""))))
			.isInstanceOf(InvalidInputException.class);
		ImagingReport signed = as("RADIOLOGIST",
				() -> reports.sign(procedure.id(), null, new ReportText("Findings.", "Impression.")));
		assertThatThrownBy(() -> as("RADIOLOGIST",
				() -> reports.saveDraft(procedure.id(), signed.version(), new ReportText("Back to draft.", ""))))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("amend");
		assertThatThrownBy(() -> as("RADIOLOGIST",
				() -> reports.amend(procedure.id(), signed.version(), new ReportText("Changed.", "Changed."), " ")))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(
				() -> as("RADIOLOGIST", () -> reports.saveDraft(Long.MAX_VALUE, null, new ReportText("Nobody's.", ""))))
			.isInstanceOf(ImagingReportNotFoundException.class);
	}

	@Test
	void aWithdrawnSignedReportLeavesTheFeedAndTheChart() {
		Procedure procedure = completed("ROUTINE");
		ImagingReport signed = as("RADIOLOGIST",
				() -> reports.sign(procedure.id(), null, new ReportText("Findings.", "Wrong patient.")));
		as("RADIOLOGIST", () -> reports.enteredInError(procedure.id(), signed.version(), "wrong patient"));
		assertThat(as("PHYSICIAN", () -> reports.ofPatient(procedure.patient()))).isEmpty();
		assertThat(jdbc.sql(
				"select operation from change_feed where resource_type = 'DiagnosticReport' and resource_id = ? order by id")
			.param(signed.id().asString())
			.query(String.class)
			.list()).containsExactly("CREATE", "DELETE");
		assertThat(events.stream(ImagingReportWithdrawn.class).filter(e -> e.report().equals(signed.id()))).hasSize(1);
	}

	@Test
	void worklistHoldsStudiesToReadMostUrgentAndOldestFirst() {
		PatientId patient = fixtures.patient();
		Procedure routineOld = fixtures.procedure(patient, ReportFixtures.CT_CODE, "ROUTINE", "COMPLETED",
				AT.minusSeconds(7200));
		Procedure routineNew = fixtures.procedure(patient, ReportFixtures.CT_CODE, "ROUTINE", "COMPLETED", AT);
		Procedure stat = fixtures.procedure(patient, ReportFixtures.CT_CODE, "STAT", "COMPLETED", AT);
		Procedure scheduled = fixtures.procedure(patient, ReportFixtures.CT_CODE, "URGENT", "SCHEDULED", AT);
		Procedure imagesIn = fixtures.procedure(patient, ReportFixtures.CT_CODE, "URGENT", "IN_PROGRESS", AT);
		fixtures.study(imagesIn, "CT", LocalDate.of(2026, 3, 1), LocalTime.of(10, 0), 1, 2, AT);
		Procedure mr = fixtures.procedure(patient, ReportFixtures.MR_CODE, "ROUTINE", "COMPLETED", AT);
		Procedure signed = fixtures.procedure(patient, ReportFixtures.CT_CODE, "STAT", "COMPLETED", AT);
		as("RADIOLOGIST", () -> reports.sign(signed.id(), null, new ReportText("Findings.", "Impression.")));
		as("RADIOLOGIST", () -> reports.savePreliminary(routineNew.id(), null, new ReportText("Wet read.", "")));
		List<Long> mine = List.of(routineOld.id(), routineNew.id(), stat.id(), scheduled.id(), imagesIn.id(), mr.id(),
				signed.id());

		List<ReadingItem> all = as("RADIOLOGIST", () -> reading.worklist(null));
		assertThat(all.stream().map(i -> i.procedure().id()).filter(mine::contains).toList()).containsExactly(stat.id(),
				imagesIn.id(), routineOld.id(), routineNew.id(), mr.id());
		ReadingItem withImages = all.stream()
			.filter(i -> i.procedure().id() == imagesIn.id())
			.findFirst()
			.orElseThrow();
		assertThat(withImages.procedure().pacsStudy()).isNotNull();
		assertThat(withImages.procedure().instances()).isEqualTo(2);
		assertThat(all.stream()
			.filter(i -> i.procedure().id() == routineNew.id())
			.findFirst()
			.orElseThrow()
			.reportStatus()).isEqualTo(ImagingReportStatus.PRELIMINARY);

		List<ReadingItem> mrOnly = as("RADIOLOGIST", () -> reading.worklist("MR"));
		assertThat(mrOnly).extracting(i -> i.procedure().modality()).containsOnly("MR");
		assertThat(mrOnly).extracting(i -> i.procedure().id()).contains(mr.id());

		assertThatThrownBy(() -> as("PHYSICIAN", () -> reading.worklist(null)))
			.isInstanceOf(AccessDeniedException.class);
	}

	private Procedure completed(String priority) {
		return fixtures.procedure(fixtures.patient(), ReportFixtures.CT_CODE, priority, "COMPLETED", AT);
	}

}

package continuum.imaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.DemoDataContributor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo hospital's radiology reports: every performed procedure of the demo gets a
 * signed report (findings and impression fitting its modality) by the demo radiologist
 * two hours after it, except one in four, left on the reading worklist (a few of those
 * with a preliminary reading). When the RIS has seeded no performed procedures, a few of
 * its own are written first (about one patient in twenty, a third of them from the last
 * day, one STAT), so that the reading worklist, the chart and the downtime nodes have
 * reports to show. Written through the module's repositories with the times of the story,
 * and signed reports in the change feed like any.
 */
@Component
class ReportDemoData implements DemoDataContributor {

	/** A reading per modality: findings, impression. */
	private static final List<List<String>> READINGS = List.of(List.of("CT",
			"Lungs clear, no nodule or consolidation. No pleural or pericardial effusion. Mediastinal structures normal.",
			"Normal CT."),
			List.of("CR", "Heart size normal. Lungs clear. No pneumothorax. Costophrenic angles sharp.",
					"No acute cardiopulmonary abnormality."),
			List.of("MR", "Menisci and cruciate ligaments intact. Small joint effusion. Cartilage preserved.",
					"Small effusion, no internal derangement."),
			List.of("US", "Liver of normal size and echotexture. Gallbladder without stones. Kidneys normal.",
					"Normal abdominal ultrasound."));

	private final ReportDemoRepository demo;

	private final ReportRepository reports;

	private final PatientService patients;

	private final ChangeFeed changes;

	private final Clock clock;

	ReportDemoData(ReportDemoRepository demo, ReportRepository reports, PatientService patients, ChangeFeed changes,
			Clock clock) {
		this.demo = demo;
		this.reports = reports;
		this.patients = patients;
		this.changes = changes;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "imaging-reports";
	}

	@Override
	public int order() {
		return 75;
	}

	@Override
	@Transactional
	public void seed(DemoSize size) {
		Random random = new Random(size.randomSeed() + 47);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
		List<Long> performed = demo.performedWithoutReport();
		if (performed.isEmpty()) {
			performed = ownProcedures(size, random, now);
		}
		for (int i = 0; i < performed.size(); i++) {
			ReportedProcedure procedure = reports.procedure(performed.get(i), false).orElseThrow();
			if (i % 4 == 1) {
				if (i % 8 == 1) {
					write(procedure, ImagingReportStatus.PRELIMINARY,
							procedure.updatedAt().plus(Duration.ofMinutes(40)));
				}
				continue;
			}
			Instant signedAt = procedure.updatedAt().plus(Duration.ofHours(2));
			write(procedure, ImagingReportStatus.FINAL, signedAt.isAfter(now) ? now : signedAt);
		}
	}

	private List<Long> ownProcedures(DemoSize size, Random random, Instant now) {
		List<String> codes = demo.catalogue();
		List<PatientId> ids = patients.idsForDemo(Math.max(6, size.patients() / 20));
		List<Long> made = new java.util.ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			int daysAgo = i % 3 == 0 ? 0 : 1 + random.nextInt(60);
			Instant at = now.minus(Duration.ofDays(daysAgo)).minus(Duration.ofMinutes(30 + random.nextInt(600)));
			String uid = "2.25." + Long.toUnsignedString(random.nextLong()) + Integer.toUnsignedString(i);
			made.add(demo.performed(ids.get(i), codes.get(i % codes.size()), i == 1 ? "STAT" : "ROUTINE", uid,
					at.isAfter(now) ? now : at));
		}
		return made;
	}

	private void write(ReportedProcedure procedure, ImagingReportStatus status, Instant at) {
		List<String> reading = READINGS.stream()
			.filter(r -> r.get(0).equals(procedure.modality()))
			.findFirst()
			.orElse(READINGS.get(0));
		String impression = status == ImagingReportStatus.PRELIMINARY ? "" : reading.get(2);
		ImagingReportId id = reports.insert(procedure, status, reading.get(1), impression, "radiologist", at)
			.orElseThrow();
		reports.insertVersion(reports.find(id).orElseThrow(), null);
		if (status.signed()) {
			changes.append(ImagingReportService.DIAGNOSTIC_REPORT, id.asString(), procedure.patient().asString(),
					ChangeOperation.CREATE);
		}
	}

}

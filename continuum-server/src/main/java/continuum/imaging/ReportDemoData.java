package continuum.imaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.platform.DemoDataContributor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo hospital's radiology reports: the RIS demo's performed procedures get, three
 * in four, a report signed by the demo radiologist two hours after the examination ended
 * (findings and impression fitting its modality); the others are left on the reading
 * worklist, every other one with a preliminary reading. Runs after the RIS demo; written
 * through the module's repository with the times of the story, signed reports in the
 * change feed like any.
 */
@Component
class ReportDemoData implements DemoDataContributor {

	/** A reading per modality: modality, findings, impression. */
	private static final List<List<String>> READINGS = List.of(
			List.of("CT",
					"No acute intracranial or intrathoracic abnormality. No mass, haemorrhage or consolidation. "
							+ "No pleural effusion.",
					"No acute abnormality."),
			List.of("DX", "Heart size normal. Lungs clear. No pneumothorax. Bones intact, no fracture.",
					"No acute abnormality; no fracture."),
			List.of("CR", "Bones intact and well aligned. No fracture or dislocation. Soft tissues unremarkable.",
					"No fracture."),
			List.of("MR", "No signal abnormality. Ligaments and menisci intact where imaged. Small joint effusion.",
					"No internal derangement."),
			List.of("US", "Organs of normal size and echotexture. No focal lesion. No free fluid.",
					"Normal ultrasound."),
			List.of("MG", "Scattered fibroglandular densities. No mass, architectural distortion or suspicious "
					+ "calcification.", "BI-RADS 1: negative."));

	private final ReportRepository reports;

	private final ChangeFeed changes;

	private final Clock clock;

	ReportDemoData(ReportRepository reports, ChangeFeed changes, Clock clock) {
		this.reports = reports;
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
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<ReportRepository.Performed> performed = reports.performedWithoutReport();
		for (int i = 0; i < performed.size(); i++) {
			ReportedProcedure procedure = reports.procedure(performed.get(i).procedure(), false).orElseThrow();
			Instant ended = performed.get(i).endedAt();
			if (i % 4 == 1) {
				if (i % 8 == 1) {
					write(procedure, ImagingReportStatus.PRELIMINARY,
							earliest(ended.plus(Duration.ofMinutes(40)), now));
				}
				continue;
			}
			write(procedure, ImagingReportStatus.FINAL, earliest(ended.plus(Duration.ofHours(2)), now));
		}
	}

	private static Instant earliest(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
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

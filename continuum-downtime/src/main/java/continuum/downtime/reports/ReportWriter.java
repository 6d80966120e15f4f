package continuum.downtime.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import continuum.downtime.DowntimeSettings;
import continuum.downtime.audit.NodeAudit;
import continuum.downtime.sync.SyncStatus;
import continuum.downtime.viewer.Chart;
import continuum.downtime.viewer.ChartRepository;
import continuum.downtime.viewer.Freshness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the printable downtime set every few minutes (default 15): per ward a census
 * with allergies (high criticality flagged) and per patient on it a summary (allergies,
 * medications, problems, appointments, the latest laboratory results with the abnormal
 * ones first and flagged, signed radiology reports), each page stating its "as of" time.
 * A set is written in a folder of its own, then {@code reports} (a symbolic link) is
 * switched to it in one atomic rename, so a reader always finds a whole set; the set
 * before stays until the next swap. While the server is lost the last good set stays as
 * it is.
 */
@Component
class ReportWriter {

	private static final Logger log = LoggerFactory.getLogger(ReportWriter.class);

	private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private static final int REPORTS_IN_FULL = 3;

	private final ChartRepository chart;

	private final SyncStatus status;

	private final NodeAudit audit;

	private final Clock clock;

	private final Path dataDir;

	ReportWriter(ChartRepository chart, SyncStatus status, NodeAudit audit, Clock clock, DowntimeSettings settings) {
		this.chart = chart;
		this.status = status;
		this.audit = audit;
		this.clock = clock;
		this.dataDir = settings.data().dir().toAbsolutePath();
	}

	@Scheduled(fixedDelayString = "${continuum.downtime.reports.interval:15m}",
			initialDelayString = "${continuum.downtime.reports.first:30s}")
	void writeSet() {
		Path current = dataDir.resolve("reports");
		if (!status.stored().loaded() || (status.lostServerSince() != null && Files.exists(current))) {
			return;
		}
		Path set = dataDir.resolve("reports-" + FOLDER.format(clock.instant().atZone(clock.getZone())));
		boolean published = false;
		try {
			int patients = write(set);
			Path previous = Files.isSymbolicLink(current) ? dataDir.resolve(Files.readSymbolicLink(current)) : set;
			Path link = dataDir.resolve("reports.next");
			Files.deleteIfExists(link);
			Files.createSymbolicLink(link, set.getFileName());
			Files.move(link, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			published = true;
			removeOlderSets(set, previous);
			audit.record("downtime-node", NodeAudit.Action.EXPORT, "Patient", null, null, NodeAudit.Outcome.SUCCESS,
					"printable reports: " + patients + " patient summaries");
		}
		catch (IOException | RuntimeException failed) {
			log.warn("Printable reports not written this time ({}); the last set stays",
					failed.getClass().getSimpleName());
			if (!published) {
				removeUnfinished(set);
			}
		}
	}

	/**
	 * An unfinished set (a full disk, the store failing) goes, so that only whole sets
	 * are ever in the data directory.
	 */
	private void removeUnfinished(Path set) {
		try {
			delete(set);
		}
		catch (IOException | RuntimeException failed) {
			log.warn("The unfinished report set {} could not be removed ({})", set.getFileName(),
					failed.getClass().getSimpleName());
		}
	}

	private int write(Path set) throws IOException {
		Files.createDirectories(set.resolve("patients"));
		String asOf = Freshness.of(status, clock).line();
		LocalDate today = LocalDate.now(clock);
		int patients = 0;
		for (Chart.Ward ward : chart.wards()) {
			List<Chart.CensusLine> lines = chart.census(ward.id(), true);
			String wardName = ward.name() + " (" + ward.code() + ")";
			try (PdfWriter pdf = new PdfWriter("Continuum downtime — " + wardName + " — " + asOf)) {
				pdf.heading("Census " + wardName).text(asOf).text(lines.size() + " patients").gap();
				for (Chart.CensusLine line : lines) {
					Chart.Banner b = line.patient();
					pdf.emphasis(nz(line.roomCode()) + " " + nz(line.bedCode()) + "   " + b.name() + "   MRN "
							+ nz(b.mrn()) + "   born " + (b.birthDate() == null ? "" : b.birthDate()) + "   "
							+ nz(b.gender()));
					pdf.text("      Allergies: " + allergies(line.allergies()));
				}
				pdf.save(set.resolve("census-" + safe(ward.code() == null ? ward.id() : ward.code()) + ".pdf"));
			}
			for (Chart.CensusLine line : lines) {
				summary(set.resolve("patients")
					.resolve(safe(ward.code() == null ? ward.id() : ward.code()) + "-" + safe(nz(line.bedCode())) + "-"
							+ safe(line.patient().id()) + ".pdf"),
						line.patient(), asOf, today);
				patients++;
			}
		}
		return patients;
	}

	private void summary(Path file, Chart.Banner b, String asOf, LocalDate today) throws IOException {
		try (PdfWriter pdf = new PdfWriter("Continuum downtime — MRN " + nz(b.mrn()) + " — " + asOf)) {
			pdf.heading(b.name())
				.text("MRN " + nz(b.mrn()) + "   born " + (b.birthDate() == null ? "" : b.birthDate()) + "   "
						+ nz(b.gender()) + "   " + nz(b.location()))
				.text(asOf)
				.gap();
			pdf.subheading("Allergies").text(allergies(chart.allergies(b.id()))).gap();
			pdf.subheading("Current medications");
			List<Chart.Medication> medications = chart.medications(b.id());
			if (medications.isEmpty()) {
				pdf.text("None recorded.");
			}
			for (Chart.Medication m : medications) {
				pdf.text(nz(m.drug()) + "  " + nz(m.dose()) + "  " + nz(m.route()) + "  " + nz(m.frequency()));
			}
			pdf.gap().subheading("Active problems");
			List<Chart.Problem> problems = chart.problems(b.id());
			if (problems.isEmpty()) {
				pdf.text("None recorded.");
			}
			for (Chart.Problem p : problems) {
				pdf.text(nz(p.text()) + (p.onsetDate() == null ? "" : "  (since " + p.onsetDate() + ")"));
			}
			pdf.gap().subheading("Appointments today and tomorrow");
			List<Chart.Appointment> appointments = chart.appointments(b.id(), today, clock.getZone());
			if (appointments.isEmpty()) {
				pdf.text("None.");
			}
			for (Chart.Appointment a : appointments) {
				pdf.text(Freshness.show(a.start() == null ? null : a.start().toInstant(), clock) + "  "
						+ nz(a.scheduleName()) + "  " + nz(a.appointmentType()) + "  " + nz(a.status()));
			}
			results(pdf, chart.latestResults(b.id()));
			imagingReports(pdf, chart.imagingReports(b.id()));
			pdf.save(file);
		}
	}

	/** Each test's newest released result, those outside their reference range first. */
	private void results(PdfWriter pdf, List<Chart.LabValue> results) throws IOException {
		pdf.gap().subheading("Latest laboratory results");
		if (results.isEmpty()) {
			pdf.text("None released.");
		}
		for (Chart.LabValue r : results.stream()
			.sorted(java.util.Comparator.comparing((Chart.LabValue r) -> !r.abnormal()))
			.toList()) {
			String line = nz(r.name()) + "  " + nz(r.value()) + " " + nz(r.unit())
					+ (r.referenceRange() == null ? "" : "  (ref " + r.referenceRange() + ")")
					+ (r.corrected() ? "  corrected" : "") + "  "
					+ nz(Freshness.show(r.effective() == null ? null : r.effective().toInstant(), clock));
			if (r.abnormal()) {
				pdf.emphasis("!! " + r.flag() + "  " + line);
			}
			else {
				pdf.text(line);
			}
		}
	}

	/**
	 * Signed radiology reports, newest first: the newest {@value #REPORTS_IN_FULL} with
	 * their findings, the others by their impression.
	 */
	private void imagingReports(PdfWriter pdf, List<Chart.ImagingReport> reports) throws IOException {
		pdf.gap().subheading("Imaging reports");
		if (reports.isEmpty()) {
			pdf.text("None signed.");
		}
		for (int i = 0; i < reports.size(); i++) {
			Chart.ImagingReport r = reports.get(i);
			pdf.emphasis(nz(Freshness.show(r.issued() == null ? null : r.issued().toInstant(), clock)) + "  "
					+ nz(r.name()) + "  accession " + nz(r.accession()) + (r.amended() ? "  AMENDED" : "")
					+ (r.verifiedBy() == null ? "" : "  signed by " + r.verifiedBy()));
			pdf.paragraph("Impression: " + nz(r.impression()));
			if (i < REPORTS_IN_FULL && r.findings() != null && !r.findings().isBlank()) {
				pdf.paragraph("Findings: " + r.findings());
			}
		}
	}

	static String allergies(Chart.Allergies allergies) {
		if (allergies.notAsked()) {
			return "NOT ASKED";
		}
		if (allergies.noneKnown()) {
			return "No known allergies";
		}
		StringBuilder text = new StringBuilder();
		for (Chart.Allergy a : allergies.current()) {
			if (text.length() > 0) {
				text.append("; ");
			}
			text.append(a.highRisk() ? "!! HIGH RISK: " : "").append(a.substance());
		}
		return text.length() == 0 ? "None current" : text.toString();
	}

	/**
	 * Removes every set but the new one and the one before it (which a reader may still
	 * be printing).
	 */
	private void removeOlderSets(Path keep, Path previous) throws IOException {
		try (Stream<Path> sets = Files.list(dataDir)) {
			for (Path old : sets.filter(
					p -> p.getFileName().toString().startsWith("reports-") && !p.equals(keep) && !p.equals(previous))
				.toList()) {
				delete(old);
			}
		}
	}

	private static void delete(Path set) throws IOException {
		if (!Files.exists(set)) {
			return;
		}
		try (Stream<Path> files = Files.walk(set)) {
			for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

	private static String nz(@org.jspecify.annotations.Nullable String text) {
		return text == null ? "" : text;
	}

	private static String safe(String name) {
		return name.replaceAll("[^A-Za-z0-9._-]", "_");
	}

}

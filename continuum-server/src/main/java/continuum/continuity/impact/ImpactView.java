package continuum.continuity.impact;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import org.jspecify.annotations.Nullable;

/**
 * An impact report as the page and the PDF show it: times in the hospital's zone, the
 * duration in words, and, for readers who may see patients, each item with the patient's
 * name and MRN (read through the patients module, which audits the reads).
 */
record ImpactView(ImpactReport report, String window, String duration, String computed, boolean patientsShown,
		List<Line> appointments, List<Line> lateArrivals, List<Line> messages) {

	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("EEE dd/MM/yyyy HH:mm", Locale.UK).withZone(ZONE);

	/** How many items of each kind the page and the PDF list. */
	static final int SHOWN = 500;

	/** One hit item: when, which patient, what. */
	record Line(String at, String reference, String patient, String mrn, @Nullable String detail) {
	}

	static ImpactView of(ImpactReport report, @Nullable PatientService patients) {
		Map<PatientId, PatientSummary> names = patients == null ? Map.of() : patients.summaries(shownPatients(report));
		return new ImpactView(report, SHOW.format(report.windowStart()) + " – " + SHOW.format(report.windowEnd()),
				words(report.duration()), SHOW.format(report.computedAt()), patients != null,
				lines(report.items(ImpactItem.Kind.APPOINTMENT), names),
				lines(report.items(ImpactItem.Kind.LATE_ARRIVAL), names),
				lines(report.items(ImpactItem.Kind.MESSAGE), names));
	}

	static String words(Duration duration) {
		long minutes = duration.toMinutes();
		if (minutes < 60) {
			return minutes + " min";
		}
		long hours = minutes / 60;
		if (hours < 48) {
			return hours + " h " + (minutes % 60) + " min";
		}
		return (hours / 24) + " d " + (hours % 24) + " h";
	}

	static String at(Instant instant) {
		return SHOW.format(instant);
	}

	private static Collection<PatientId> shownPatients(ImpactReport report) {
		List<PatientId> ids = new ArrayList<>();
		for (ImpactItem.Kind kind : ImpactItem.Kind.values()) {
			report.items(kind).stream().limit(SHOWN).forEach(i -> ids.add(i.patient()));
		}
		return ids.stream().distinct().toList();
	}

	private static List<Line> lines(List<ImpactItem> items, Map<PatientId, PatientSummary> names) {
		return items.stream().limit(SHOWN).map(i -> {
			PatientSummary p = names.get(i.patient());
			String name = p == null ? "" : p.family().toUpperCase(Locale.ROOT) + ", " + p.given();
			return new Line(at(i.at()), i.reference(), name, p == null ? "" : p.mrn(), i.detail());
		}).toList();
	}

}

package continuum.downtime.viewer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import continuum.downtime.audit.NodeAudit;
import continuum.downtime.audit.NodeAudit.Action;
import continuum.downtime.audit.NodeAudit.Outcome;
import continuum.downtime.viewer.Chart.Banner;
import continuum.downtime.viewer.Chart.CensusLine;
import continuum.downtime.viewer.Chart.Summary;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Every read of patient data on the node: checks the reader's role, audits the read in
 * the node's chain (ids only), then reads the store.
 */
@Component
class ChartReader {

	private final ChartRepository chart;

	private final NodeAudit audit;

	private final Clock clock;

	ChartReader(ChartRepository chart, NodeAudit audit, Clock clock) {
		this.chart = chart;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The ward's census. A restricted record the reader has not broken the glass on shows
	 * as such, with no name, MRN, birth date, sex or allergies (audited as a restricted
	 * listing), as the server's census shows it to someone outside the patient's care.
	 */
	List<CensusLine> census(Reader reader, String wardId, java.util.Set<String> glassBroken) {
		require(reader, "Encounter", wardId, null);
		List<CensusLine> lines = new java.util.ArrayList<>();
		for (CensusLine line : chart.census(wardId, reader.role().allergies)) {
			Banner patient = line.patient();
			if (patient.restricted() == null || glassBroken.contains(patient.id())) {
				lines.add(line);
				continue;
			}
			audit.record(reader.username(), Action.SEARCH, RESTRICTED_LISTING, patient.id(), patient.id(),
					Outcome.SUCCESS, "restricted record in the census");
			lines.add(new CensusLine(line.roomCode(), line.bedCode(), new Banner(patient.id(), "Restricted record",
					null, null, null, false, null, patient.location(), patient.restricted()), line.admitted(), null));
		}
		audit.record(reader.username(), Action.SEARCH, "Encounter", null, null, Outcome.SUCCESS,
				"census of ward " + wardId + ", " + lines.size() + " patients");
		return lines;
	}

	/**
	 * Patients matching the query. A restricted record the reader has not broken the
	 * glass on ({@code glassBroken} holds those they have) is listed apart by name and
	 * birth date only, at most {@link #RESTRICTED_LISTED} of them, each audited as a
	 * restricted listing: the server's web search shows such a record the same way.
	 */
	Found search(Reader reader, String query, java.util.Set<String> glassBroken) {
		require(reader, "Patient", null, null);
		List<Banner> open = new java.util.ArrayList<>();
		List<RestrictedHit> restricted = new java.util.ArrayList<>();
		for (Banner banner : chart.search(query, 50)) {
			if (banner.restricted() == null || glassBroken.contains(banner.id())) {
				open.add(banner);
			}
			else if (restricted.size() < RESTRICTED_LISTED) {
				restricted.add(new RestrictedHit(banner.id(), banner.name(), banner.birthDate()));
			}
		}
		audit.record(reader.username(), Action.SEARCH, "Patient", null, null, Outcome.SUCCESS,
				open.size() + " patients found, " + restricted.size() + " restricted records listed");
		for (RestrictedHit hit : restricted) {
			audit.record(reader.username(), Action.SEARCH, RESTRICTED_LISTING, hit.id(), hit.id(), Outcome.SUCCESS,
					"restricted record listed: name and birth date");
		}
		return new Found(open, restricted);
	}

	/** How many restricted records a search lists at most, as on the server. */
	static final int RESTRICTED_LISTED = 10;

	/** The audit's resource type of a restricted record listed, as on the server. */
	static final String RESTRICTED_LISTING = "RestrictedListing";

	/** A search's results: the records the reader may open, and the restricted ones. */
	record Found(List<Banner> open, List<RestrictedHit> restricted) {
	}

	/**
	 * A restricted record in a result list: what identifies the patient, nothing more.
	 */
	record RestrictedHit(String id, String name, @org.jspecify.annotations.Nullable LocalDate birthDate) {
	}

	/**
	 * The patient's summary; a restricted record only once the reader has broken the
	 * glass on it in this session ({@code glassBroken}), else refused and audited. The
	 * node knows no wards or appointments of its readers, so it cannot tell who is in the
	 * patient's care: every restricted record needs the glass here.
	 */
	java.util.Optional<Summary> summary(Reader reader, String id, boolean glassBroken) {
		require(reader, "Patient", id, id);
		Banner banner = chart.banner(id).orElse(null);
		if (banner == null) {
			return java.util.Optional.empty();
		}
		if (banner.restricted() != null && !glassBroken) {
			audit.record(reader.username(), Action.READ, "Patient", id, id, Outcome.DENIED,
					"restricted record: break-the-glass needed on the node");
			throw new RestrictedRecordException(id);
		}
		NodeRole role = reader.role();
		LocalDate today = LocalDate.now(clock);
		Summary summary = new Summary(banner, role.allergies ? chart.allergies(id) : null,
				role.medications ? chart.medications(id) : null, role.problems ? chart.problems(id) : null,
				chart.appointments(id, today, clock.getZone()), role.results ? chart.latestResults(id) : null,
				role.results ? chart.imagingReports(id) : null);
		audit.record(reader.username(), Action.READ, "Patient", id, id, Outcome.SUCCESS,
				banner.restricted() != null ? EMERGENCY + "on the downtime node; summary" : "summary");
		return java.util.Optional.of(summary);
	}

	/**
	 * Records a break-the-glass on a restricted record, open to the reader until the
	 * answer: the reason's code and the end in the entry, the reader's words beside it,
	 * never in the log (as on the server). The entry is shipped to the server with the
	 * rest of the node's audit, where the patient's access report shows it as emergency
	 * access and the privacy officer's queue lists it for review, with the words.
	 */
	java.time.Instant breakGlass(Reader reader, String id, String reason, String explanation) {
		require(reader, "Patient", id, id);
		java.time.Instant until = clock.instant().plus(BREAK_GLASS_DURATION).truncatedTo(ChronoUnit.SECONDS);
		audit.record(reader.username(), Action.CREATE, "BreakTheGlass", null, id, Outcome.SUCCESS,
				EMERGENCY + "on the downtime node: reason " + reason + ", until " + until, explanation.strip());
		return until;
	}

	/** How long a glass broken on the node opens the record: the server's default. */
	static final java.time.Duration BREAK_GLASS_DURATION = java.time.Duration.ofHours(8);

	/** How the detail of a row under a break-the-glass begins, as on the server. */
	static final String EMERGENCY = "emergency access, break-the-glass ";

	/** A restricted record asked for without the glass broken. */
	static class RestrictedRecordException extends RuntimeException {

		private final String patientId;

		RestrictedRecordException(String patientId) {
			super("The record of patient " + patientId + " is restricted: break the glass to open it");
			this.patientId = patientId;
		}

		String patientId() {
			return patientId;
		}

	}

	private void require(Reader reader, String type, @org.jspecify.annotations.Nullable String id,
			@org.jspecify.annotations.Nullable String patientId) {
		if (!reader.role().patients) {
			audit.record(reader.username(), Action.READ, type, id, patientId, Outcome.DENIED,
					"role " + reader.role().name().toLowerCase(java.util.Locale.ROOT) + " sees no patient data");
			throw new AccessDeniedException("Your role does not show patient data");
		}
	}

	/** Who is reading. */
	record Reader(String username, NodeRole role) {
	}

}

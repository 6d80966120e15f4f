package continuum.downtime.viewer;

import java.time.Clock;
import java.time.LocalDate;
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

	List<CensusLine> census(Reader reader, String wardId) {
		require(reader, "Encounter", wardId, null);
		List<CensusLine> lines = chart.census(wardId, reader.role().allergies);
		audit.record(reader.username(), Action.SEARCH, "Encounter", null, null, Outcome.SUCCESS,
				"census of ward " + wardId + ", " + lines.size() + " patients");
		return lines;
	}

	List<Banner> search(Reader reader, String query) {
		require(reader, "Patient", null, null);
		List<Banner> found = chart.search(query, 50);
		audit.record(reader.username(), Action.SEARCH, "Patient", null, null, Outcome.SUCCESS,
				found.size() + " patients found");
		return found;
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
	 * Records a break-the-glass on a restricted record: the reason's code, never the
	 * reader's words (which stay out of the log, as on the server). The row is shipped to
	 * the server with the rest of the node's audit, where the patient's access report
	 * shows it as emergency access.
	 */
	void breakGlass(Reader reader, String id, String reason) {
		require(reader, "Patient", id, id);
		audit.record(reader.username(), Action.READ, "BreakTheGlass", null, id, Outcome.SUCCESS,
				EMERGENCY + "on the downtime node: reason " + reason);
	}

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

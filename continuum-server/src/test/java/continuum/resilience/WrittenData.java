package continuum.resilience;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.resilience.Attempt.Kind;
import continuum.resilience.Attempt.Outcome;

/**
 * Holds the database to what the load's clients were told, after a fault: every
 * acknowledged write present exactly once, every refused or unsent one absent, nothing
 * present without its audit entry and its change-feed entry (a half-done write), and a
 * change feed whose positions have neither gap nor reuse. Answers the violations found,
 * each as a sentence, so that a failed test says what was lost.
 */
final class WrittenData {

	private static final String UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

	private final Connection db;

	WrittenData(Connection db) {
		this.db = db;
	}

	/**
	 * The violations of this run's attempts, and of the earlier runs' (whose defects were
	 * reported by their own run: only their data is held again here).
	 */
	List<String> violations(List<Attempt> earlier, List<Attempt> current) throws SQLException {
		List<Attempt> attempts = new ArrayList<>(current);
		for (Attempt attempt : earlier) {
			if (attempt.outcome() != Outcome.BAD) {
				attempts.add(attempt);
			}
		}
		List<String> violations = violations(attempts);
		for (Attempt attempt : earlier) {
			if (attempt.outcome() == Outcome.BAD) {
				violations.removeIf(v -> v.contains(attempt.key() + " is present but no client sent it"));
			}
		}
		return violations;
	}

	List<String> violations(List<Attempt> attempts) throws SQLException {
		List<String> violations = new ArrayList<>();
		Map<String, Integer> patients = counts("""
				select i.value, count(*) from patient_identifier i where i.system = ? group by i.value""",
				WriteLoad.IDENTIFIER_SYSTEM);
		Map<String, Integer> allergies = counts("""
				select substring(substance from 7), count(*) from allergy_intolerance
				where substance like ? group by substance""", "fault-%");
		Map<String, Integer> bookings = counts("""
				select comment, count(*) from sched_appointment
				where comment ~ ? and status = 'BOOKED' group by comment""", UUID_PATTERN);
		Map<String, Attempt> byKey = new HashMap<>();
		for (Attempt attempt : attempts) {
			byKey.put(attempt.key(), attempt);
			Map<String, Integer> table = switch (attempt.kind()) {
				case PATIENT -> patients;
				case ALLERGY -> allergies;
				case BOOKING -> bookings;
			};
			int present = table.getOrDefault(attempt.key(), 0);
			switch (attempt.outcome()) {
				case ACKNOWLEDGED -> {
					if (present != 1) {
						violations.add("acknowledged " + attempt.kind() + " " + attempt.key() + " is present " + present
								+ " times");
					}
				}
				case REFUSED, NOT_SENT -> {
					if (present != 0) {
						violations.add(attempt.outcome() + " " + attempt.kind() + " " + attempt.key() + " (status "
								+ attempt.status() + ") is present " + present + " times");
					}
				}
				case UNKNOWN -> violations.add(attempt.kind() + " " + attempt.key() + " was never settled");
				case BAD -> violations.add(attempt.kind() + " " + attempt.key() + " was answered " + attempt.status()
						+ " without the contract's error form");
			}
		}
		for (Map.Entry<Kind, Map<String, Integer>> table : Map
			.of(Kind.PATIENT, patients, Kind.ALLERGY, allergies, Kind.BOOKING, bookings)
			.entrySet()) {
			for (String key : table.getValue().keySet()) {
				if (!byKey.containsKey(key)) {
					violations.add(table.getKey() + " " + key + " is present but no client sent it");
				}
			}
		}
		violations.addAll(halfDone("patient", "Patient", """
				select p.id from patient p join patient_identifier i on i.patient_id = p.id where i.system = ?""",
				WriteLoad.IDENTIFIER_SYSTEM));
		violations.addAll(halfDone("allergy", "AllergyIntolerance",
				"select id from allergy_intolerance where substance like ?", "fault-%"));
		violations.addAll(halfDone("appointment", "Appointment", "select id from sched_appointment where comment ~ ?",
				UUID_PATTERN));
		violations.addAll(changeFeedGaps());
		return violations;
	}

	/**
	 * Rows present without the audit entry or the change-feed entry of their creation.
	 */
	private List<String> halfDone(String label, String resourceType, String ids, String parameter) throws SQLException {
		List<String> violations = new ArrayList<>();
		try (PreparedStatement select = db.prepareStatement("""
				select w.id,
				  exists (select 1 from audit_log a where a.resource_type = ? and a.resource_id = w.id::text
				          and a.action = 'CREATE'),
				  exists (select 1 from change_feed c where c.resource_type = ? and c.resource_id = w.id::text)
				from (%s) w""".formatted(ids))) {
			select.setString(1, resourceType);
			select.setString(2, resourceType);
			select.setString(3, parameter);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					if (!rs.getBoolean(2)) {
						violations.add(label + " " + rs.getLong(1) + " has no audit entry of its creation");
					}
					if (!rs.getBoolean(3)) {
						violations.add(label + " " + rs.getLong(1) + " has no change-feed entry");
					}
				}
			}
		}
		return violations;
	}

	/**
	 * Positions handed out are 1..n with none missing and none twice (the sequencer must
	 * have caught up: call after waiting for {@link #unsequenced()} to reach zero).
	 */
	List<String> changeFeedGaps() throws SQLException {
		try (PreparedStatement select = db.prepareStatement("""
				select count(*), count(distinct seq), coalesce(min(seq), 0), coalesce(max(seq), 0)
				from change_feed where seq is not null"""); ResultSet rs = select.executeQuery()) {
			rs.next();
			long rows = rs.getLong(1);
			long distinct = rs.getLong(2);
			long min = rs.getLong(3);
			long max = rs.getLong(4);
			List<String> violations = new ArrayList<>();
			if (distinct != rows) {
				violations.add("the change feed reuses positions: " + rows + " rows, " + distinct + " positions");
			}
			if (rows > 0 && max - min + 1 != rows) {
				violations.add("the change feed has gaps: positions " + min + ".." + max + " for " + rows + " rows");
			}
			return violations;
		}
	}

	long unsequenced() throws SQLException {
		try (PreparedStatement select = db.prepareStatement("select count(*) from change_feed where seq is null");
				ResultSet rs = select.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private Map<String, Integer> counts(String sql, String parameter) throws SQLException {
		Map<String, Integer> counts = new HashMap<>();
		try (PreparedStatement select = db.prepareStatement(sql)) {
			select.setString(1, parameter);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					counts.put(rs.getString(1), rs.getInt(2));
				}
			}
		}
		return counts;
	}

	static long count(List<Attempt> attempts, Outcome outcome) {
		return attempts.stream().filter(a -> a.outcome() == outcome).count();
	}

}

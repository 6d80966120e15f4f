package continuum.patients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How one kind of clinical entry is stored: its table, FHIR resource type, the columns
 * its status and date searches use, and the mapping between record and row. The column
 * names are constants of this class, never input.
 */
abstract sealed class ClinicalTable<T extends ClinicalEntry> {

	static final ClinicalTable<Allergy> ALLERGIES = new Allergies();

	static final ClinicalTable<Medication> MEDICATIONS = new Medications();

	static final ClinicalTable<Problem> PROBLEMS = new Problems();

	abstract String table();

	abstract String resourceType();

	abstract String statusColumn();

	abstract String dateColumn();

	/**
	 * The row's columns other than id, patient_id, version, deleted_at and updated_at.
	 */
	abstract Map<String, @Nullable Object> columns(T entry);

	abstract T map(ResultSet rs) throws SQLException;

	static Map<String, @Nullable Object> code(ClinicalCode code, String textColumn) {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("code_system", code.system());
		columns.put("code", code.code());
		columns.put(textColumn, code.text());
		return columns;
	}

	static ClinicalCode code(ResultSet rs, String textColumn) throws SQLException {
		return new ClinicalCode(rs.getString("code_system"), rs.getString("code"), rs.getString(textColumn));
	}

	static PatientId patient(ResultSet rs) throws SQLException {
		return new PatientId(rs.getLong("patient_id"));
	}

	static @Nullable LocalDate date(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, LocalDate.class);
	}

	static final class Allergies extends ClinicalTable<Allergy> {

		@Override
		String table() {
			return "allergy_intolerance";
		}

		@Override
		String resourceType() {
			return "AllergyIntolerance";
		}

		@Override
		String statusColumn() {
			return "clinical_status";
		}

		@Override
		String dateColumn() {
			return "recorded_date";
		}

		@Override
		Map<String, @Nullable Object> columns(Allergy a) {
			Map<String, @Nullable Object> columns = code(a.substance(), "substance");
			columns.put("category", a.category());
			columns.put("criticality", a.criticality());
			columns.put("clinical_status", a.clinicalStatus());
			columns.put("verification_status", a.verificationStatus());
			columns.put("reactions", a.reactions().isEmpty() ? null : String.join("; ", a.reactions()));
			columns.put("reaction_severity", a.reactionSeverity());
			columns.put("recorded_date", a.recordedDate());
			return columns;
		}

		@Override
		Allergy map(ResultSet rs) throws SQLException {
			String reactions = rs.getString("reactions");
			return new Allergy(rs.getLong("id"), rs.getInt("version"), rs.getTimestamp("updated_at").toInstant(),
					patient(rs), code(rs, "substance"), rs.getString("category"), rs.getString("criticality"),
					rs.getString("clinical_status"), rs.getString("verification_status"),
					reactions == null ? List.of() : Arrays.asList(reactions.split("; ")),
					rs.getString("reaction_severity"), date(rs, "recorded_date"));
		}

	}

	static final class Medications extends ClinicalTable<Medication> {

		@Override
		String table() {
			return "medication_statement";
		}

		@Override
		String resourceType() {
			return "MedicationStatement";
		}

		@Override
		String statusColumn() {
			return "status";
		}

		@Override
		String dateColumn() {
			return "period_start";
		}

		@Override
		Map<String, @Nullable Object> columns(Medication m) {
			Map<String, @Nullable Object> columns = code(m.drug(), "drug");
			columns.put("dose", m.dose());
			columns.put("route", m.route());
			columns.put("frequency", m.frequency());
			columns.put("status", m.status());
			columns.put("period_start", m.periodStart());
			columns.put("period_end", m.periodEnd());
			return columns;
		}

		@Override
		Medication map(ResultSet rs) throws SQLException {
			return new Medication(rs.getLong("id"), rs.getInt("version"), rs.getTimestamp("updated_at").toInstant(),
					patient(rs), code(rs, "drug"), rs.getString("dose"), rs.getString("route"),
					rs.getString("frequency"), rs.getString("status"), date(rs, "period_start"),
					date(rs, "period_end"));
		}

	}

	static final class Problems extends ClinicalTable<Problem> {

		@Override
		String table() {
			return "condition";
		}

		@Override
		String resourceType() {
			return "Condition";
		}

		@Override
		String statusColumn() {
			return "clinical_status";
		}

		@Override
		String dateColumn() {
			return "onset_date";
		}

		@Override
		Map<String, @Nullable Object> columns(Problem p) {
			Map<String, @Nullable Object> columns = code(p.code(), "text");
			columns.put("clinical_status", p.clinicalStatus());
			columns.put("verification_status", p.verificationStatus());
			columns.put("onset_date", p.onset());
			return columns;
		}

		@Override
		Problem map(ResultSet rs) throws SQLException {
			return new Problem(rs.getLong("id"), rs.getInt("version"), rs.getTimestamp("updated_at").toInstant(),
					patient(rs), code(rs, "text"), rs.getString("clinical_status"), rs.getString("verification_status"),
					date(rs, "onset_date"));
		}

	}

}

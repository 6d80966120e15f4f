package continuum.patients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A kind of entry in a patient's clinical record, as data: its FHIR resource type, its
 * table, the columns its status and date searches use, and the mapping between record and
 * row. {@link ClinicalRecordService} reads, records, updates, deletes and searches every
 * kind with one flow; a new kind is a new constant here, a table and its row mapping.
 * Column names are constants of this class, never input.
 */
public final class ClinicalKind<T extends ClinicalEntry> {

	public static final ClinicalKind<Allergy> ALLERGIES = new ClinicalKind<>("AllergyIntolerance",
			"allergy_intolerance", "clinical_status", "recorded_date", "date", ClinicalKind::allergyColumns,
			ClinicalKind::allergy);

	public static final ClinicalKind<Medication> MEDICATIONS = new ClinicalKind<>("MedicationStatement",
			"medication_statement", "status", "period_start", "effective", ClinicalKind::medicationColumns,
			ClinicalKind::medication);

	public static final ClinicalKind<Problem> PROBLEMS = new ClinicalKind<>("Condition", "condition", "clinical_status",
			"onset_date", "onset-date", ClinicalKind::problemColumns, ClinicalKind::problem);

	/** Every kind, in the order the chart shows them. */
	static final List<ClinicalKind<?>> ALL = List.of(ALLERGIES, MEDICATIONS, PROBLEMS);

	/** Reads an entry from its row. */
	@FunctionalInterface
	private interface Row<T> {

		T map(ResultSet rs) throws SQLException;

	}

	private final String resourceType;

	private final String table;

	private final String statusColumn;

	private final String dateColumn;

	private final String dateParameter;

	private final Function<T, Map<String, @Nullable Object>> columns;

	private final Row<T> row;

	private ClinicalKind(String resourceType, String table, String statusColumn, String dateColumn,
			String dateParameter, Function<T, Map<String, @Nullable Object>> columns, Row<T> row) {
		this.resourceType = resourceType;
		this.table = table;
		this.dateParameter = dateParameter;
		this.statusColumn = statusColumn;
		this.dateColumn = dateColumn;
		this.columns = columns;
		this.row = row;
	}

	/**
	 * The FHIR resource type, which access checks, audit rows and the change feed name.
	 */
	public String resourceType() {
		return resourceType;
	}

	String table() {
		return table;
	}

	String statusColumn() {
		return statusColumn;
	}

	String dateColumn() {
		return dateColumn;
	}

	/** The FHIR search parameter on {@link #dateColumn}, the kind's {@code _sort} key. */
	String dateParameter() {
		return dateParameter;
	}

	/**
	 * The column whose value {@code entered-in-error} says the entry was recorded by
	 * mistake: the verification status, or a medication statement's status.
	 */
	String enteredInErrorColumn() {
		return "medication_statement".equals(table) ? "status" : "verification_status";
	}

	/**
	 * The row's columns other than id, patient_id, version, deleted_at and updated_at.
	 */
	Map<String, @Nullable Object> columns(T entry) {
		return columns.apply(entry);
	}

	T map(ResultSet rs) throws SQLException {
		return row.map(rs);
	}

	@Override
	public String toString() {
		return resourceType;
	}

	private static Map<String, @Nullable Object> allergyColumns(Allergy a) {
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

	private static Allergy allergy(ResultSet rs) throws SQLException {
		String reactions = rs.getString("reactions");
		return new Allergy(rs.getLong("id"), rs.getInt("version"), updated(rs), patient(rs), code(rs, "substance"),
				rs.getString("category"), rs.getString("criticality"), rs.getString("clinical_status"),
				rs.getString("verification_status"),
				reactions == null ? List.of() : Arrays.asList(reactions.split("; ")), rs.getString("reaction_severity"),
				date(rs, "recorded_date"));
	}

	private static Map<String, @Nullable Object> medicationColumns(Medication m) {
		Map<String, @Nullable Object> columns = code(m.drug(), "drug");
		columns.put("dose", m.dose());
		columns.put("route", m.route());
		columns.put("frequency", m.frequency());
		columns.put("status", m.status());
		columns.put("period_start", m.periodStart());
		columns.put("period_end", m.periodEnd());
		return columns;
	}

	private static Medication medication(ResultSet rs) throws SQLException {
		return new Medication(rs.getLong("id"), rs.getInt("version"), updated(rs), patient(rs), code(rs, "drug"),
				rs.getString("dose"), rs.getString("route"), rs.getString("frequency"), rs.getString("status"),
				date(rs, "period_start"), date(rs, "period_end"));
	}

	private static Map<String, @Nullable Object> problemColumns(Problem p) {
		Map<String, @Nullable Object> columns = code(p.code(), "text");
		columns.put("clinical_status", p.clinicalStatus());
		columns.put("verification_status", p.verificationStatus());
		columns.put("onset_date", p.onset());
		columns.put("category", p.category());
		return columns;
	}

	private static Problem problem(ResultSet rs) throws SQLException {
		return new Problem(rs.getLong("id"), rs.getInt("version"), updated(rs), patient(rs), code(rs, "text"),
				rs.getString("clinical_status"), rs.getString("verification_status"), date(rs, "onset_date"),
				// Versions kept before conditions had a category were problem-list
				// entries.
				Objects.requireNonNullElse(rs.getString("category"), Problem.PROBLEM_LIST_ITEM));
	}

	/** The code columns every kind has; the text column is named after what it holds. */
	private static Map<String, @Nullable Object> code(ClinicalCode code, String textColumn) {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("code_system", code.system());
		columns.put("code", code.code());
		columns.put(textColumn, code.text());
		return columns;
	}

	private static ClinicalCode code(ResultSet rs, String textColumn) throws SQLException {
		return new ClinicalCode(rs.getString("code_system"), rs.getString("code"), rs.getString(textColumn));
	}

	private static PatientId patient(ResultSet rs) throws SQLException {
		return new PatientId(rs.getLong("patient_id"));
	}

	private static java.time.Instant updated(ResultSet rs) throws SQLException {
		return rs.getTimestamp("updated_at").toInstant();
	}

	private static @Nullable LocalDate date(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, LocalDate.class);
	}

}

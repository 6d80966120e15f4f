package continuum.downtime.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Builds a mapper's column map in order, starting with the record's id. */
final class Columns {

	private final Map<String, @Nullable Object> values = new LinkedHashMap<>();

	private Columns() {
	}

	static Columns of(SyncRecord record) {
		Columns columns = new Columns();
		columns.values.put("id", record.id());
		return columns;
	}

	static Columns ofPatientLinked(SyncRecord record) {
		return of(record).put("patient_id", record.patientId());
	}

	Columns put(String column, @Nullable Object value) {
		values.put(column, value);
		return this;
	}

	/**
	 * A text field of the record's data, under the column of the same name in snake case.
	 */
	Columns text(SyncRecord record, String field) {
		return put(snake(field), record.text(field));
	}

	Map<String, @Nullable Object> done() {
		return values;
	}

	private static String snake(String field) {
		return field.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
	}

}

package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** MedicationStatement: what the patient takes. */
@Component
class MedicationMapper implements RecordMapper {

	@Override
	public String type() {
		return "MedicationStatement";
	}

	@Override
	public String table() {
		return "medication";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		Columns columns = Columns.ofPatientLinked(record);
		for (String field : new String[] { "codeSystem", "code", "drug", "dose", "route", "frequency", "status",
				"periodStart", "periodEnd" }) {
			columns.text(record, field);
		}
		return columns.done();
	}

}

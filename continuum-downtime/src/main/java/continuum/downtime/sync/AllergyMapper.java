package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** AllergyIntolerance, including the "no known allergy" record (SNOMED CT 716186003). */
@Component
class AllergyMapper implements RecordMapper {

	@Override
	public String type() {
		return "AllergyIntolerance";
	}

	@Override
	public String table() {
		return "allergy";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		Columns columns = Columns.ofPatientLinked(record);
		for (String field : new String[] { "codeSystem", "code", "substance", "category", "criticality",
				"clinicalStatus", "verificationStatus", "reactions", "reactionSeverity", "recordedDate" }) {
			columns.text(record, field);
		}
		return columns.done();
	}

}

package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Condition: the problem list. */
@Component
class ProblemMapper implements RecordMapper {

	@Override
	public String type() {
		return "Condition";
	}

	@Override
	public String table() {
		return "problem";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		Columns columns = Columns.ofPatientLinked(record);
		for (String field : new String[] { "codeSystem", "code", "text", "clinicalStatus", "verificationStatus",
				"onsetDate" }) {
			columns.text(record, field);
		}
		return columns.done();
	}

}

package continuum.downtime.sync;

import java.util.Map;

import continuum.downtime.NameFolding;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Patient: the banner (name, MRN, birth date, sex), the folded text that search matches,
 * and the record's restriction.
 */
@Component
class PatientMapper implements RecordMapper {

	@Override
	public String type() {
		return "Patient";
	}

	@Override
	public String table() {
		return "patient";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		String family = record.text("familyName");
		String given = record.text("givenNames");
		String mrn = record.text("mrn");
		return Columns.of(record)
			.put("mrn", mrn)
			.put("family_name", family)
			.put("given_names", given)
			.text(record, "prefix")
			.put("birth_date", Json.date(record.data(), "birthDate"))
			.text(record, "gender")
			.put("deceased", isDeceased(record))
			.text(record, "mergedInto")
			.text(record, "restricted")
			.put("search_text", NameFolding.searchText(family, given, mrn))
			.done();
	}

	private static boolean isDeceased(SyncRecord record) {
		String deceased = record.text("deceased");
		return deceased != null && !deceased.equals("false");
	}

}

package continuum.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The patient identifiers of a message's first PID segment (PID-3, the ID number of each
 * repetition), kept with the message so that the interface monitor finds the messages of
 * a patient even when no handler matched them to one. Stored as the ids joined by
 * {@code ~}.
 */
final class PatientIdentifiers {

	private PatientIdentifiers() {
	}

	static @Nullable String of(String text, MshHeader msh) {
		String encoding = msh.encodingCharacters();
		if (encoding.length() < 2) {
			return null;
		}
		String field = Pattern.quote(String.valueOf(msh.fieldSeparator()));
		for (String segment : text.split("[\r\n]+")) {
			if (segment.startsWith("PID" + msh.fieldSeparator())) {
				String[] fields = segment.split(field, -1);
				return fields.length > 3 ? ids(fields[3], encoding.charAt(0), encoding.charAt(1)) : null;
			}
		}
		return null;
	}

	private static @Nullable String ids(String pid3, char component, char repetition) {
		List<String> ids = new ArrayList<>();
		for (String value : pid3.split(Pattern.quote(String.valueOf(repetition)), -1)) {
			String id = value.split(Pattern.quote(String.valueOf(component)), -1)[0].strip();
			if (!id.isEmpty()) {
				ids.add(id);
			}
		}
		String joined = String.join("~", ids);
		if (joined.isEmpty()) {
			return null;
		}
		return joined.length() > 200 ? joined.substring(0, 200) : joined;
	}

}

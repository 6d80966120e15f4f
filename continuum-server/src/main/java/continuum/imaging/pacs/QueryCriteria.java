package continuum.imaging.pacs;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;

/**
 * The SQL conditions of a C-FIND identifier (PS3.4 §C.2.2.2): universal matching (no
 * condition), single value, wildcard ({@code *}, {@code ?} become {@code LIKE} patterns,
 * other {@code LIKE} characters escaped), list of UIDs, date and time ranges. The SQL
 * holds only the index's own column names; every value is a bound parameter.
 */
final class QueryCriteria {

	private final StringBuilder sql = new StringBuilder();

	private final Map<String, Object> parameters = new HashMap<>();

	private QueryCriteria() {
	}

	/**
	 * The conditions of every non-universal key answered at {@code level}.
	 * @throws InvalidKeyException a date, time or number that does not parse
	 */
	static QueryCriteria of(Attributes keys, QueryLevel level) throws InvalidKeyException {
		var criteria = new QueryCriteria();
		for (DataElement element : keys) {
			var key = QueryKey.of(element.tag()).orElse(null);
			if (key == null || !key.answeredAt(level) || key.match() == QueryKey.Match.NONE) {
				continue;
			}
			String value = keys.getString(element.tag());
			if (value == null || value.isBlank() || value.equals("*")) {
				continue;
			}
			criteria.add(key, value.strip(), keys.getStrings(element.tag()));
		}
		return criteria;
	}

	String sql() {
		return sql.toString();
	}

	Map<String, Object> parameters() {
		return parameters;
	}

	private void add(QueryKey key, String value, String[] values) throws InvalidKeyException {
		String column = key.matchColumn();
		switch (key.match()) {
			case TEXT -> text(column, value);
			case PERSON_NAME -> text(column, MatchForm.of(value));
			case UID -> condition(column + " in (:%s)", Arrays.stream(values).map(String::strip).toList());
			case ARRAY -> condition(column + " && cast(:%s as varchar[])",
					Arrays.stream(values).map(String::strip).toArray(String[]::new));
			case INTEGER -> condition(column + " = :%s", integer(key, value));
			case DATE -> range(column, value, v -> date(key, v), v -> date(key, v));
			case TIME -> range(column, value, v -> time(key, v, false), v -> time(key, v, true));
			case NONE -> {
			}
		}
	}

	private void text(String column, String value) {
		if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
			StringBuilder like = new StringBuilder();
			for (char c : value.toCharArray()) {
				switch (c) {
					case '*' -> like.append('%');
					case '?' -> like.append('_');
					case '%', '_', '\\' -> like.append('\\').append(c);
					default -> like.append(c);
				}
			}
			condition(column + " like :%s escape '\\'", like.toString());
		}
		else {
			condition(column + " = :%s", value);
		}
	}

	private interface Parser {

		Object parse(String value) throws InvalidKeyException;

	}

	private void range(String column, String value, Parser lower, Parser upper) throws InvalidKeyException {
		int dash = value.indexOf('-');
		if (dash < 0) {
			condition(column + " = :%s", lower.parse(value));
			return;
		}
		String from = value.substring(0, dash).strip();
		String to = value.substring(dash + 1).strip();
		if (!from.isEmpty()) {
			condition(column + " >= :%s", lower.parse(from));
		}
		if (!to.isEmpty()) {
			condition(column + " <= :%s", upper.parse(to));
		}
	}

	private void condition(String template, Object value) {
		String name = "k" + parameters.size();
		parameters.put(name, value);
		sql.append(" and ").append(template.formatted(name));
	}

	private static LocalDate date(QueryKey key, String value) throws InvalidKeyException {
		LocalDate date = DicomValues.date(value);
		if (date == null) {
			throw new InvalidKeyException(key);
		}
		return date;
	}

	/**
	 * A time; as an upper bound, a value given to the hour or minute covers the whole of
	 * it (PS3.4 §C.2.2.2.5: "-1200" includes 12:00:30).
	 */
	private static LocalTime time(QueryKey key, String value, boolean upper) throws InvalidKeyException {
		String digits = value.replace(":", "");
		if (upper) {
			int length = digits.indexOf('.') >= 0 ? digits.indexOf('.') : digits.length();
			if (length == 2) {
				digits = digits + "5959.999999";
			}
			else if (length == 4) {
				digits = digits + "59.999999";
			}
			else if (length == 6 && digits.indexOf('.') < 0) {
				digits = digits + ".999999";
			}
		}
		LocalTime time = DicomValues.time(digits);
		if (time == null) {
			throw new InvalidKeyException(key);
		}
		return time;
	}

	private static int integer(QueryKey key, String value) throws InvalidKeyException {
		Integer number = DicomValues.integer(value);
		if (number == null) {
			throw new InvalidKeyException(key);
		}
		return number;
	}

	/** A key whose value cannot be matched: the identifier is refused (A900). */
	static final class InvalidKeyException extends Exception {

		InvalidKeyException(QueryKey key) {
			super("unreadable value of query key " + key.name(), null, false, false);
		}

	}

}

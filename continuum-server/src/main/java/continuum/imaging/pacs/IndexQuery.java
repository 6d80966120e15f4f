package continuum.imaging.pacs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One query on the PACS index, for C-FIND, C-MOVE, C-GET and QIDO-RS: the rows of a level
 * (of reconciled studies only), the matching of key values (PS3.4 §C.2.2.2) as SQL
 * conditions, and the reading of the returned keys. Matching: an empty value or {@code *}
 * matches everything; single value; wildcard ({@code *}, {@code ?} become a {@code LIKE}
 * pattern, the pattern characters {@code %}, {@code _} and {@code \} of the value are
 * escaped); person names on their matching form ({@link MatchForm}); a list of UIDs
 * (backslash-separated); any of a list for the study's modalities and SOP classes; date
 * and time ranges {@code a-b}, {@code -b}, {@code a-}, a time covering the precision it
 * is given to (§C.2.2.2.5: {@code -1200} includes 12:00:30); and, on request, a date and
 * time pair as one date-time range (§C.2.2.2.5.1). The SQL holds only the index's own
 * column names; every value is a bound parameter.
 */
public final class IndexQuery {

	private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

	private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

	private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59, 999_999_000);

	private final QueryLevel level;

	private final StringBuilder conditions = new StringBuilder();

	private final Map<String, Object> parameters = new HashMap<>();

	public IndexQuery(QueryLevel level) {
		this.level = level;
	}

	public QueryLevel level() {
		return level;
	}

	/**
	 * Matches {@code key} against {@code value} as given in the request (several values
	 * separated by backslashes).
	 * @throws InvalidMatchException a value that does not read as the key's VR
	 * @throws IllegalArgumentException a key that is not answered at this level or is
	 * never matched
	 */
	public IndexQuery match(QueryKey key, @Nullable String value) throws InvalidMatchException {
		requireMatching(key);
		if (universal(value)) {
			return this;
		}
		String v = value.strip();
		String column = key.matchColumn();
		switch (key.match()) {
			case TEXT -> text(column, v);
			case PERSON_NAME -> text(column, MatchForm.of(v));
			case UID -> condition(column + " in (:%s)", uids(key, v));
			case ANY_OF -> condition(column + " && cast(:%s as varchar[])", list(v).toArray(String[]::new));
			case NUMBER -> condition(column + " = :%s", number(key, v));
			case DATE -> {
				Range<LocalDate> range = dateRange(key, v);
				bounds(column, range.from(), range.to());
			}
			case TIME -> {
				Range<LocalTime> range = timeRange(key, v);
				bounds(column, range.from(), range.to());
			}
			case NONE -> throw new IllegalStateException(key.name());
		}
		return this;
	}

	/**
	 * Matches a date key and its time key as one date-time range (PS3.4 §C.2.2.2.5.1):
	 * {@code 20240105-20240107} with {@code 1000-1800} is from 5 January 10:00 to 7
	 * January 18:00. If either value is universal, each is matched on its own.
	 */
	public IndexQuery matchDateTime(QueryKey date, @Nullable String dateValue, QueryKey time,
			@Nullable String timeValue) throws InvalidMatchException {
		if (date.match() != QueryKey.Match.DATE || time.match() != QueryKey.Match.TIME
				|| date.level() != time.level()) {
			throw new IllegalArgumentException(date + " and " + time + " are no date and time pair");
		}
		if (universal(dateValue) || universal(timeValue)) {
			return match(date, dateValue).match(time, timeValue);
		}
		requireMatching(date);
		Range<LocalDate> days = dateRange(date, dateValue.strip());
		Range<LocalTime> times = timeRange(time, timeValue.strip());
		String column = "(" + date.matchColumn() + " + coalesce(" + time.matchColumn() + ", time '00:00'))";
		LocalDateTime from = days.from() == null ? null
				: days.from().atTime(times.from() == null ? LocalTime.MIN : times.from());
		LocalDateTime to = days.to() == null ? null : days.to().atTime(times.to() == null ? END_OF_DAY : times.to());
		bounds(column, from, to);
		return this;
	}

	/**
	 * {@code select} of the leading columns and the keys, {@code from} the level's rows,
	 * {@code where} every condition; the caller appends its order and paging.
	 */
	public String sql(String leadingColumns, Collection<QueryKey> returned) {
		StringBuilder select = new StringBuilder("select ").append(leadingColumns);
		for (QueryKey key : returned) {
			select.append(", ").append(key.column()).append(" as ").append(key.alias());
		}
		return select + " " + level.from() + conditions;
	}

	/** The conditions' parameters, by name. */
	public Map<String, Object> parameters() {
		return parameters;
	}

	/**
	 * The returned keys' values of a row, as the index holds them ({@code java.sql.Date},
	 * {@code java.sql.Time}, numbers, strings); a list for the study's modalities and SOP
	 * classes; absent where null.
	 */
	public static Map<QueryKey, Object> values(ResultSet rs, Collection<QueryKey> returned) throws SQLException {
		Map<QueryKey, Object> values = new EnumMap<>(QueryKey.class);
		for (QueryKey key : returned) {
			Object value = rs.getObject(key.alias());
			if (value instanceof java.sql.Array array) {
				value = List.of((Object[]) array.getArray());
			}
			if (value != null) {
				values.put(key, value);
			}
		}
		return values;
	}

	/**
	 * An index value as DICOM string values: dates {@code YYYYMMDD}, times
	 * {@code HHMMSS}, a list value by value, anything else as its text.
	 */
	public static String[] strings(Object value) {
		if (value instanceof java.sql.Date date) {
			return new String[] { DA.format(date.toLocalDate()) };
		}
		if (value instanceof LocalDate date) {
			return new String[] { DA.format(date) };
		}
		if (value instanceof java.sql.Time time) {
			return new String[] { TM.format(time.toLocalTime()) };
		}
		if (value instanceof LocalTime time) {
			return new String[] { TM.format(time) };
		}
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).toArray(String[]::new);
		}
		return new String[] { value.toString() };
	}

	/** The conditions alone, each preceded by {@code and}. */
	String conditions() {
		return conditions.toString();
	}

	private record Range<T>(@Nullable T from, @Nullable T to) {
	}

	private interface Parser<T> {

		T parse(String value) throws InvalidMatchException;

	}

	private void requireMatching(QueryKey key) {
		if (!key.answeredAt(level) || key.match() == QueryKey.Match.NONE) {
			throw new IllegalArgumentException(key + " is not a matching key at the " + level + " level");
		}
	}

	private static boolean universal(@Nullable String value) {
		return value == null || value.isBlank() || value.strip().equals("*");
	}

	private void text(String column, String value) {
		if (value.indexOf('*') < 0 && value.indexOf('?') < 0) {
			condition(column + " = :%s", value);
			return;
		}
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

	private void bounds(String column, @Nullable Object from, @Nullable Object to) {
		if (from != null && from.equals(to)) {
			condition(column + " = :%s", from);
			return;
		}
		if (from != null) {
			condition(column + " >= :%s", from);
		}
		if (to != null) {
			condition(column + " <= :%s", to);
		}
	}

	private void condition(String template, Object value) {
		String name = "m" + parameters.size();
		parameters.put(name, value);
		conditions.append(" and ").append(template.formatted(name));
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.split("\\\\")).map(String::strip).filter(v -> !v.isEmpty()).toList();
	}

	private static List<String> uids(QueryKey key, String value) throws InvalidMatchException {
		List<String> uids = list(value);
		for (String uid : uids) {
			if (uid.length() > 64 || !uid.matches("[0-9]+(\\.[0-9]+)*")) {
				throw new InvalidMatchException(key, "a UID or a list of UIDs (digits and dots)");
			}
		}
		return uids;
	}

	private static int number(QueryKey key, String value) throws InvalidMatchException {
		Integer number = DicomValues.integer(value);
		if (number == null) {
			throw new InvalidMatchException(key, "an integer");
		}
		return number;
	}

	private static Range<LocalDate> dateRange(QueryKey key, String value) throws InvalidMatchException {
		Parser<LocalDate> date = v -> {
			LocalDate d = DicomValues.date(v);
			if (d == null || v.strip().length() != 8) {
				throw new InvalidMatchException(key, "a date (YYYYMMDD) or a range of dates (from-to, -to, from-)");
			}
			return d;
		};
		return range(key, value, date, date);
	}

	private static Range<LocalTime> timeRange(QueryKey key, String value) throws InvalidMatchException {
		return range(key, value, v -> time(key, v, false), v -> time(key, v, true));
	}

	private static <T> Range<T> range(QueryKey key, String value, Parser<T> lower, Parser<T> upper)
			throws InvalidMatchException {
		int dash = value.indexOf('-');
		if (dash < 0) {
			return new Range<>(lower.parse(value), upper.parse(value));
		}
		String from = value.substring(0, dash).strip();
		String to = value.substring(dash + 1).strip();
		if (from.isEmpty() && to.isEmpty()) {
			// Parsing the empty end gives the key's own message.
			lower.parse(value);
		}
		return new Range<>(from.isEmpty() ? null : lower.parse(from), to.isEmpty() ? null : upper.parse(to));
	}

	/**
	 * A time; as an upper bound, the last instant of the precision it is given to: the
	 * hour, the minute, the second, or the fraction as given.
	 */
	private static LocalTime time(QueryKey key, String value, boolean upper) throws InvalidMatchException {
		String digits = value.strip().replace(":", "");
		if (upper) {
			int dot = digits.indexOf('.');
			int length = dot >= 0 ? dot : digits.length();
			if (length == 2) {
				digits = digits + "5959.999999";
			}
			else if (length == 4) {
				digits = digits + "59.999999";
			}
			else if (length == 6 && dot < 0) {
				digits = digits + ".999999";
			}
		}
		LocalTime time = DicomValues.time(digits);
		if (time == null) {
			throw new InvalidMatchException(key, "a time (HHMMSS) or a range of times (from-to, -to, from-)");
		}
		return time;
	}

}

package continuum.imaging.dicomweb;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import continuum.imaging.pacs.MatchForm;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * A QIDO-RS search (PS3.18 §10.6.1) read from the query string: the matching keys, by
 * keyword or tag, with their values checked and typed; {@code includefield};
 * {@code limit} and {@code offset}; {@code fuzzymatching}. A key the index cannot match
 * is ignored with a warning (PS3.18 §8.3.4.1), a parameter that is no attribute or a
 * value that cannot be read is a 400.
 */
record QidoQuery(QueryLevel level, @Nullable String studyUid, @Nullable String seriesUid,
		Map<IndexAttribute, Object> keys, Set<IndexAttribute> returned, int limit, int offset, List<String> warnings) {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	/** A value with {@code *} or {@code ?}, as a SQL {@code LIKE} pattern. */
	record Pattern(String like) {
	}

	/** A date or time range; a missing end is open. */
	record Range<T>(@Nullable T from, @Nullable T to) {
	}

	private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("uuuuMMdd");

	static QidoQuery parse(QueryLevel level, @Nullable String studyUid, @Nullable String seriesUid,
			MultiValueMap<String, String> parameters) {
		Map<IndexAttribute, Object> keys = new LinkedHashMap<>();
		Set<IndexAttribute> returned = EnumSet.noneOf(IndexAttribute.class);
		List<String> warnings = new ArrayList<>();
		boolean all = false;
		int limit = DEFAULT_LIMIT;
		int offset = 0;
		for (var parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			List<String> values = parameter.getValue();
			switch (name) {
				case "limit" -> limit = number(name, last(values), 1, MAX_LIMIT);
				case "offset" -> offset = number(name, last(values), 0, Integer.MAX_VALUE);
				case "fuzzymatching" -> {
					if (!"false".equals(last(values))) {
						warnings.add("The fuzzymatching parameter is not supported. "
								+ "Only literal matching has been performed.");
					}
				}
				case "accept", "charset" -> {
					// Media type and character set may also come in the query string
					// (PS3.18 §8.3.3); the answer is always UTF-8 JSON.
				}
				case "includefield" -> {
					for (String value : values) {
						for (String field : value.split(",")) {
							if (field.strip().equals("all")) {
								all = true;
							}
							else {
								include(level, field.strip(), returned, warnings);
							}
						}
					}
				}
				default -> key(level, name, last(values), keys, returned, warnings);
			}
		}
		for (IndexAttribute a : IndexAttribute.values()) {
			if (level.includes(a.level()) && (all || (a.defaultReturn() && shown(level, a, studyUid, seriesUid)))) {
				returned.add(a);
			}
		}
		return new QidoQuery(level, studyUid, seriesUid, keys, returned, limit, offset, warnings);
	}

	/**
	 * Study attributes are returned by default at the series and instance levels only
	 * when the search is not within one study, series attributes at the instance level
	 * only when it is not within one series.
	 */
	private static boolean shown(QueryLevel level, IndexAttribute a, @Nullable String studyUid,
			@Nullable String seriesUid) {
		if (a.level() == level) {
			return true;
		}
		return a.level() == QueryLevel.STUDY ? studyUid == null : seriesUid == null;
	}

	private static void include(QueryLevel level, String field, Set<IndexAttribute> returned, List<String> warnings) {
		int tag = IndexAttribute.tagOf(field)
			.orElseThrow(() -> DicomWebException
				.badRequest("includefield " + field + " is neither a DICOM keyword, nor a tag, nor 'all'"));
		Optional<IndexAttribute> attribute = IndexAttribute.of(tag).filter(a -> level.includes(a.level()));
		if (attribute.isPresent()) {
			returned.add(attribute.get());
		}
		else {
			warnings.add("The attribute " + field + " is not held in the index at this level and is not returned.");
		}
	}

	private static void key(QueryLevel level, String name, String value, Map<IndexAttribute, Object> keys,
			Set<IndexAttribute> returned, List<String> warnings) {
		int tag = IndexAttribute.tagOf(name)
			.orElseThrow(() -> DicomWebException.badRequest(
					"query parameter " + name + " is neither a DICOM keyword nor a tag, nor a QIDO-RS parameter"));
		Optional<IndexAttribute> attribute = IndexAttribute.of(tag)
			.filter(a -> a.match() != IndexAttribute.Match.NONE && level.includes(a.level()));
		if (attribute.isEmpty()) {
			warnings
				.add("The attribute " + name + " is not supported as a matching key at this level and was ignored.");
			return;
		}
		IndexAttribute a = attribute.get();
		returned.add(a);
		if (!value.isEmpty() && !value.equals("*")) {
			keys.put(a, typed(a, value));
		}
	}

	/** The value as the repository compares it; 400 if it cannot be read. */
	private static Object typed(IndexAttribute a, String value) {
		String name = keyword(a);
		return switch (a.match()) {
			case TEXT -> text(value);
			case PERSON_NAME -> text(java.util.Objects.requireNonNull(MatchForm.of(value)));
			case UID -> {
				List<String> uids = Arrays.stream(value.split("[,\\\\]")).map(String::strip).toList();
				for (String uid : uids) {
					if (!uid.matches("[0-9]+(\\.[0-9]+)*") || uid.length() > 64) {
						throw DicomWebException.badRequest(name + " must be a list of UIDs (digits and dots)");
					}
				}
				yield uids;
			}
			case CODES -> Arrays.stream(value.split("[,\\\\]")).map(String::strip).toList();
			case NUMBER -> number(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
			case DATE -> range(name, value, QidoQuery::date, QidoQuery::date);
			case TIME -> range(name, value, v -> time(name, v, false), v -> time(name, v, true));
			case NONE -> throw new IllegalStateException(a + " is not a matching key");
		};
	}

	/** A literal string, or a pattern when it has wildcards (PS3.4 §C.2.2.2.4). */
	private static Object text(String value) {
		if (value.indexOf('*') < 0 && value.indexOf('?') < 0) {
			return value;
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
		return new Pattern(like.toString());
	}

	private static <T> Range<T> range(String name, String value, java.util.function.Function<String, T> from,
			java.util.function.Function<String, T> to) {
		try {
			int dash = value.indexOf('-');
			if (dash < 0) {
				return new Range<>(from.apply(value), to.apply(value));
			}
			String a = value.substring(0, dash);
			String b = value.substring(dash + 1);
			if (a.isEmpty() && b.isEmpty()) {
				throw new DateTimeParseException("empty range", value, 0);
			}
			return new Range<>(a.isEmpty() ? null : from.apply(a), b.isEmpty() ? null : to.apply(b));
		}
		catch (java.time.DateTimeException | NumberFormatException ex) {
			throw DicomWebException
				.badRequest(name + " must be a DICOM " + (name.endsWith("Time") ? "time (HHMMSS)" : "date (YYYYMMDD)")
						+ " or a range of them (from-to, -to, from-)");
		}
	}

	private static LocalDate date(String value) {
		return LocalDate.parse(value, DA);
	}

	/**
	 * A DICOM time {@code HH[MM[SS[.F]]]}; the end of a range is the last instant the
	 * given precision covers.
	 */
	private static LocalTime time(String name, String value, boolean end) {
		if (!value.matches("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?")) {
			throw new DateTimeParseException(name, value, 0);
		}
		int hour = Integer.parseInt(value.substring(0, 2));
		int minute = value.length() >= 4 ? Integer.parseInt(value.substring(2, 4)) : (end ? 59 : 0);
		int second = value.length() >= 6 ? Integer.parseInt(value.substring(4, 6)) : (end ? 59 : 0);
		int nanos = end ? 999_999_999 : 0;
		if (value.length() > 7) {
			String fraction = (value.substring(7) + "000000000").substring(0, 9);
			nanos = Integer.parseInt(fraction);
		}
		return LocalTime.of(hour, minute, second, nanos);
	}

	private static int number(String name, String value, int min, int max) {
		try {
			int n = Integer.parseInt(value.strip());
			if (n < min || n > max) {
				throw DicomWebException.badRequest(name + " must be between " + min + " and " + max);
			}
			return n;
		}
		catch (NumberFormatException ex) {
			throw DicomWebException.badRequest(name + " must be an integer");
		}
	}

	private static String last(List<String> values) {
		return values.isEmpty() || values.get(values.size() - 1) == null ? "" : values.get(values.size() - 1);
	}

	private static String keyword(IndexAttribute a) {
		return org.continuum.dicom.data.ElementDictionary.standard().keywordOf(a.tag()).orElse(a.name());
	}

}

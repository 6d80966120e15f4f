package continuum.imaging.dicomweb;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import continuum.imaging.pacs.IndexQuery;
import continuum.imaging.pacs.InvalidMatchException;
import continuum.imaging.pacs.QueryKey;
import continuum.imaging.pacs.QueryLevel;
import org.continuum.dicom.data.ElementDictionary;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * A QIDO-RS search (PS3.18 §10.6.1) read from the query string: the matching keys, by
 * keyword or tag, as an index query (the PACS's {@link IndexQuery}, which C-FIND uses
 * too); {@code includefield}; {@code limit} and {@code offset}; {@code fuzzymatching}.
 * UID and code lists may be separated by commas as well as backslashes; a date key and
 * its time key given together are one date-time range (PS3.4 §C.2.2.2.5.1). A key the
 * index cannot match is ignored with a warning (PS3.18 §8.3.4.1), a parameter that is no
 * attribute or a value that cannot be read is a 400. Levels are STUDY, SERIES and IMAGE
 * (QIDO-RS's instances).
 */
record QidoQuery(QueryLevel level, Map<QueryKey, String> keys, IndexQuery index, Set<QueryKey> returned, int limit,
		int offset, List<String> warnings) {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	/**
	 * The default return attributes the index holds: PS3.18 Tables 10.6.3-3 (study),
	 * 10.6.3-4 (series) and 10.6.3-5 (instance).
	 */
	private static final Set<QueryKey> DEFAULT_RETURN = EnumSet.of(QueryKey.PATIENT_NAME, QueryKey.PATIENT_ID,
			QueryKey.PATIENT_BIRTH_DATE, QueryKey.PATIENT_SEX, QueryKey.STUDY_INSTANCE_UID, QueryKey.STUDY_DATE,
			QueryKey.STUDY_TIME, QueryKey.ACCESSION_NUMBER, QueryKey.STUDY_ID, QueryKey.REFERRING_PHYSICIAN_NAME,
			QueryKey.MODALITIES_IN_STUDY, QueryKey.NUMBER_OF_STUDY_RELATED_SERIES,
			QueryKey.NUMBER_OF_STUDY_RELATED_INSTANCES, QueryKey.MODALITY, QueryKey.SERIES_INSTANCE_UID,
			QueryKey.SERIES_NUMBER, QueryKey.SERIES_DESCRIPTION, QueryKey.PPS_START_DATE, QueryKey.PPS_START_TIME,
			QueryKey.NUMBER_OF_SERIES_RELATED_INSTANCES, QueryKey.SOP_CLASS_UID, QueryKey.SOP_INSTANCE_UID,
			QueryKey.INSTANCE_NUMBER, QueryKey.NUMBER_OF_FRAMES, QueryKey.ROWS, QueryKey.COLUMNS,
			QueryKey.BITS_ALLOCATED);

	/** The date keys whose time key makes a date-time pair with them. */
	private static final Map<QueryKey, QueryKey> DATE_TIME = Map.of(QueryKey.STUDY_DATE, QueryKey.STUDY_TIME,
			QueryKey.PPS_START_DATE, QueryKey.PPS_START_TIME, QueryKey.CONTENT_DATE, QueryKey.CONTENT_TIME);

	static QidoQuery parse(QueryLevel level, @Nullable String studyUid, @Nullable String seriesUid,
			MultiValueMap<String, String> parameters) {
		Map<QueryKey, String> keys = new LinkedHashMap<>();
		Set<QueryKey> returned = EnumSet.noneOf(QueryKey.class);
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
		for (QueryKey key : QueryKey.values()) {
			if (key.answeredAt(level)
					&& (all || (DEFAULT_RETURN.contains(key) && shown(level, key, studyUid, seriesUid)))) {
				returned.add(key);
			}
		}
		IndexQuery index = index(level, studyUid, seriesUid, keys);
		return new QidoQuery(level, keys, index, returned, limit, offset, warnings);
	}

	/** The search's scope and keys as an index query; 400 for a value it cannot read. */
	private static IndexQuery index(QueryLevel level, @Nullable String studyUid, @Nullable String seriesUid,
			Map<QueryKey, String> keys) {
		IndexQuery index = new IndexQuery(level);
		try {
			if (studyUid != null) {
				index.match(QueryKey.STUDY_INSTANCE_UID, studyUid);
			}
			if (seriesUid != null) {
				index.match(QueryKey.SERIES_INSTANCE_UID, seriesUid);
			}
			for (var key : keys.entrySet()) {
				QueryKey time = DATE_TIME.get(key.getKey());
				if (time != null && keys.containsKey(time)) {
					index.matchDateTime(key.getKey(), key.getValue(), time, keys.get(time));
				}
				else if (!DATE_TIME.containsValue(key.getKey()) || !keys.containsKey(dateOf(key.getKey()))) {
					index.match(key.getKey(), key.getValue());
				}
			}
		}
		catch (InvalidMatchException ex) {
			throw DicomWebException.badRequest(ex.getMessage());
		}
		return index;
	}

	private static @Nullable QueryKey dateOf(QueryKey time) {
		return DATE_TIME.entrySet()
			.stream()
			.filter(e -> e.getValue() == time)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Study attributes are returned by default at the series and instance levels only
	 * when the search is not within one study, series attributes at the instance level
	 * only when it is not within one series.
	 */
	private static boolean shown(QueryLevel level, QueryKey key, @Nullable String studyUid,
			@Nullable String seriesUid) {
		if (key.level() == level || (level == QueryLevel.STUDY && key.level() == QueryLevel.PATIENT)) {
			return true;
		}
		return key.level() == QueryLevel.SERIES ? seriesUid == null : studyUid == null;
	}

	private static void include(QueryLevel level, String field, Set<QueryKey> returned, List<String> warnings) {
		int tag = tagOf(field).orElseThrow(() -> DicomWebException
			.badRequest("includefield " + field + " is neither a DICOM keyword, nor a tag, nor 'all'"));
		Optional<QueryKey> key = QueryKey.of(tag).filter(k -> k.answeredAt(level));
		if (key.isPresent()) {
			returned.add(key.get());
		}
		else {
			warnings.add("The attribute " + field + " is not held in the index at this level and is not returned.");
		}
	}

	private static void key(QueryLevel level, String name, String value, Map<QueryKey, String> keys,
			Set<QueryKey> returned, List<String> warnings) {
		int tag = tagOf(name).orElseThrow(() -> DicomWebException
			.badRequest("query parameter " + name + " is neither a DICOM keyword nor a tag, nor a QIDO-RS parameter"));
		Optional<QueryKey> key = QueryKey.of(tag).filter(k -> k.match() != QueryKey.Match.NONE && k.answeredAt(level));
		if (key.isEmpty()) {
			warnings
				.add("The attribute " + name + " is not supported as a matching key at this level and was ignored.");
			return;
		}
		returned.add(key.get());
		boolean list = key.get().match() == QueryKey.Match.UID || key.get().match() == QueryKey.Match.ANY_OF;
		keys.put(key.get(), list ? value.replace(',', '\\') : value);
	}

	/**
	 * The tag a query parameter names: a keyword of the data dictionary or eight hex
	 * digits (PS3.18 §8.3.4.1); empty if it names neither.
	 */
	private static Optional<Integer> tagOf(String keywordOrTag) {
		if (keywordOrTag.matches("[0-9A-Fa-f]{8}")) {
			return Optional.of(Integer.parseUnsignedInt(keywordOrTag, 16));
		}
		return ElementDictionary.standard().tagOf(keywordOrTag);
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

}

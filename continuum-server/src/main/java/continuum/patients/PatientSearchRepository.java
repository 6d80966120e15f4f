package continuum.patients;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import continuum.fhir.SearchSql;
import continuum.platform.LikePattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Patient search over {@code patient_name_token}: each typed word becomes a prefix
 * condition on the folded tokens ({@code like 'word%'} on a {@code text_pattern_ops}
 * btree), scored 2 for an exact token and 1 for a prefix; patients must match every word.
 * A name criterion with no letter or digit matches the names that contain it literally.
 * No PostgreSQL extension needed.
 */
@Repository
class PatientSearchRepository {

	private static final Pattern DMY = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})");

	private static final Pattern NUMBER = Pattern.compile("[\\d.\\-]+");

	record Hits(List<Long> ids, int total) {
	}

	/**
	 * The patient table as the parameters every FHIR type has read it; {@code _sort} by
	 * name sorts by the family-then-given sort key.
	 */
	private static final SearchSql.Columns COLUMNS = new SearchSql.Columns("p.id", "p.updated_at", "p.id", Map
		.of("name", "p.sort_key", "family", "p.sort_key", "given", "p.given_names", "birthdate", "p.birth_date"));

	private final JdbcClient jdbc;

	private final java.time.Clock clock;

	PatientSearchRepository(JdbcClient jdbc, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Hits search(PatientQuery query) {
		return search(query, java.util.Set.of(), false);
	}

	/**
	 * The search, leaving out the patients in {@code restricted} or, with {@code only},
	 * keeping only them (restricted records the caller may not open).
	 */
	Hits search(PatientQuery query, java.util.Set<Long> restricted, boolean only) {
		Map<String, Object> params = new HashMap<>();
		List<Word> words = new ArrayList<>();
		List<String> joins = new ArrayList<>();
		List<String> scores = new ArrayList<>();
		List<String> where = new ArrayList<>();
		where.add("p.merged_into is null");
		LocalDate from = query.birthDateFrom();
		LocalDate to = query.birthDateTo();
		String identifierValue = query.identifierValue();
		if (identifierValue != null && Identifier.SSIN_SYSTEM.equals(query.identifierSystem())) {
			identifierValue = identifierValue.replaceAll("[\\s.\\-]", "");
		}
		if (query.text() != null) {
			int criteria = words.size();
			for (String fragment : query.text().trim().split("\\s+")) {
				LocalDate date = date(fragment);
				String digits = fragment.replaceAll("[.\\-]", "");
				if (date != null) {
					from = date;
					to = date;
				}
				else if (NUMBER.matcher(fragment).matches() && digits.length() >= 6) {
					identifierValue = digits;
				}
				else {
					add(words, fragment, null);
				}
			}
			if (words.size() == criteria && from == null && identifierValue == null) {
				if (query.text().isBlank()) {
					return new Hits(List.of(), 0);
				}
				// No word, date or number: characters to find in the names as typed.
				name(words, where, params, query.text(), null);
			}
		}
		if (query.name() != null) {
			name(words, where, params, query.name(), null);
		}
		if (query.family() != null) {
			name(words, where, params, query.family(), "F");
		}
		if (query.given() != null) {
			name(words, where, params, query.given(), "G");
		}
		if (identifierValue != null) {
			where.add("""
					p.id in (select coalesce(q.merged_into, q.id) from patient_identifier i
					         join patient q on q.id = i.patient_id
					         where i.value = :idValue"""
					+ (query.identifierSystem() != null ? " and i.system = :idSystem)" : ")"));
			params.put("idValue", identifierValue);
			params.put("idSystem", query.identifierSystem());
		}
		if (from != null) {
			where.add("p.birth_date >= :from");
			params.put("from", from);
		}
		if (to != null) {
			where.add("p.birth_date <= :to");
			params.put("to", to);
		}
		if (query.gender() != null) {
			where.add("p.gender = :gender");
			params.put("gender", query.gender().code());
		}
		for (PatientQuery.NameMatch match : query.nameMatches()) {
			where.add(literal(match, "nm" + where.size(), params));
		}
		where.addAll(SearchSql.conditions(query.controls(), COLUMNS, params));
		params.put("limit", query.limit());
		params.put("offset", query.offset());
		join(words, joins, scores, params);
		String source;
		String order;
		if (joins.isEmpty()) {
			source = "from patient p";
			order = "p.sort_key, p.id";
		}
		else {
			// The words alone rank the candidates from the covering token index; the
			// patient table is joined only
			// for the other criteria.
			source = "from " + String.join(" ", joins);
			order = String.join(" + ", scores) + " desc, m0.sort_key, m0.patient_id";
			if (where.size() > 1 || !query.controls().sort().isEmpty()) {
				source += " join patient p on p.id = m0.patient_id";
			}
			else {
				where.clear();
			}
		}
		order = SearchSql.orderBy(query.controls(), COLUMNS, order);
		String id = joins.isEmpty() ? "p.id" : "m0.patient_id";
		if (only || !restricted.isEmpty()) {
			where.add(only ? id + " = any(cast(:restricted as bigint[]))"
					: id + " <> all(cast(:restricted as bigint[]))");
			params.put("restricted", restricted.toArray(Long[]::new));
		}
		String filter = source + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
		int[] total = { 0 };
		List<Long> ids = jdbc
			.sql("select " + id + " as id, count(*) over () as total " + filter + " order by " + order
					+ " limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> {
				total[0] = rs.getInt("total");
				return rs.getLong("id");
			})
			.list();
		if (ids.isEmpty() && (query.offset() > 0 || query.limit() == 0)) {
			// No row carried the window count: past the last page, or a count-only search
			// (FHIR _count=0).
			total[0] = jdbc.sql("select count(*) " + filter).params(params).query(Integer.class).single();
		}
		return new Hits(ids, total[0]);
	}

	/**
	 * A typed word and the kind of name part it must start (F family, G given, null any).
	 */
	record Word(String text, @Nullable String kind) {

		/**
		 * Particles match half the population; they never drive the search when a rarer
		 * word is there.
		 */
		boolean isParticle() {
			return PARTICLES.contains(text);
		}

	}

	private static final java.util.Set<String> PARTICLES = java.util.Set.of("van", "de", "der", "den", "vande",
			"vanden", "vander", "le", "la", "les", "du", "des", "d", "t", "op", "ten", "ter", "von", "di", "da", "el");

	/** At most this many words count; more would only add work, never precision. */
	static final int MAX_WORDS = 8;

	/**
	 * A name criterion (FHIR name, family, given). Its words match by prefix on the
	 * folded tokens; a criterion with no letter or digit ({@code %}, {@code _},
	 * {@code *}) has no word to fold, so it matches the names that contain it literally,
	 * never every patient.
	 */
	private static void name(List<Word> words, List<String> where, Map<String, Object> params, String text,
			@Nullable String kind) {
		if (!PatientNameTokens.words(text).isEmpty() || text.isBlank()) {
			add(words, text, kind);
			return;
		}
		String names = "F".equals(kind) ? "p.family_name" : "G".equals(kind) ? "coalesce(p.given_names, '')"
				: "p.family_name || ' ' || coalesce(p.given_names, '')";
		String param = "literal" + where.size();
		where.add("lower(" + names + ") like lower(:" + param + ")");
		params.put(param, LikePattern.containing(text.strip()));
	}

	/**
	 * A name criterion matched as typed: {@code :exact} equals the family name or one of
	 * the given names as stored; {@code :contains} finds it inside them, case ignored.
	 */
	private static String literal(PatientQuery.NameMatch match, String param, Map<String, Object> params) {
		String family = "p.family_name";
		String given = "coalesce(p.given_names, '')";
		if (match.exact()) {
			params.put(param, match.value());
			String inFamily = family + " = :" + param;
			String inGiven = ":" + param + " = any(string_to_array(" + given + ", ' '))";
			return switch (match.part()) {
				case FAMILY -> inFamily;
				case GIVEN -> inGiven;
				case ANY -> "(" + inFamily + " or " + inGiven + ")";
			};
		}
		params.put(param, LikePattern.containing(match.value().strip()));
		String names = switch (match.part()) {
			case FAMILY -> family;
			case GIVEN -> given;
			case ANY -> family + " || ' ' || " + given;
		};
		return "lower(" + names + ") like lower(:" + param + ")";
	}

	private static void add(List<Word> words, String text, @Nullable String kind) {
		for (String word : PatientNameTokens.words(text)) {
			if (words.size() < MAX_WORDS) {
				words.add(new Word(word, kind));
			}
		}
	}

	/**
	 * The most selective word (not a particle, then the longest) drives: its prefix
	 * matches come from the covering token index, aggregated per patient, scored 2 for an
	 * exact token and 1 for a prefix. Every other word is then checked per candidate
	 * through the (patient, token) index.
	 */
	private static void join(List<Word> words, List<String> joins, List<String> scores, Map<String, Object> params) {
		List<Word> ordered = new ArrayList<>(words);
		ordered.sort(java.util.Comparator.comparing(Word::isParticle).thenComparing(w -> -w.text().length()));
		for (Word word : ordered) {
			int i = joins.size();
			String kind = word.kind() == null ? "" : " and kind = '" + word.kind() + "'";
			String score = "max(case when token = :w" + i + " then 2 else 1 end) as s";
			if (i == 0) {
				joins.add("(select patient_id, min(sort_key) as sort_key, " + score + " from patient_name_token"
						+ " where token like :p" + i + kind + " group by patient_id) m0");
			}
			else {
				joins.add("join lateral (select " + score
						+ " from patient_name_token t where t.patient_id = m0.patient_id" + " and t.token like :p" + i
						+ kind + ") m" + i + " on m" + i + ".s is not null");
			}
			scores.add("m" + i + ".s");
			params.put("w" + i, word.text());
			params.put("p" + i, LikePattern.startingWith(word.text()));
		}
	}

	@Nullable LocalDate date(String fragment) {
		try {
			var m = DMY.matcher(fragment);
			if (m.matches()) {
				int year = Integer.parseInt(m.group(3));
				if (m.group(3).length() == 2) {
					// 30/07/85: the most recent such year that is not in the future.
					int now = LocalDate.now(clock).getYear();
					year += (now / 100) * 100;
					if (year > now) {
						year -= 100;
					}
				}
				return LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
			}
			if (fragment.matches("\\d{4}-\\d{2}-\\d{2}")) {
				return LocalDate.parse(fragment, DateTimeFormatter.ISO_LOCAL_DATE);
			}
		}
		catch (java.time.DateTimeException ex) {
			return null;
		}
		return null;
	}

}

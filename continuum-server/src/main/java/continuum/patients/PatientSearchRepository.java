package continuum.patients;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Patient search over {@code patient_name_token}: each typed word becomes a prefix condition on the folded tokens
 * ({@code like 'word%'} on a {@code text_pattern_ops} btree), scored 2 for an exact token and 1 for a prefix;
 * patients must match every word. No PostgreSQL extension needed.
 */
@Repository
class PatientSearchRepository {

	private static final Pattern DMY = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");

	private static final Pattern NUMBER = Pattern.compile("[\\d.\\-]+");

	record Hits(List<Long> ids, int total) {
	}

	private final JdbcClient jdbc;

	PatientSearchRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Hits search(PatientQuery query) {
		Map<String, Object> params = new HashMap<>();
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
			int criteria = joins.size();
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
					words(PatientNameTokens.words(fragment), null, joins, scores, params);
				}
			}
			if (joins.size() == criteria && from == null && identifierValue == null) {
				return new Hits(List.of(), 0);
			}
		}
		if (query.name() != null) {
			words(PatientNameTokens.words(query.name()), null, joins, scores, params);
		}
		if (query.family() != null) {
			words(PatientNameTokens.words(query.family()), "F", joins, scores, params);
		}
		if (query.given() != null) {
			words(PatientNameTokens.words(query.given()), "G", joins, scores, params);
		}
		if (identifierValue != null) {
			where.add("""
					p.id in (select coalesce(q.merged_into, q.id) from patient_identifier i
					         join patient q on q.id = i.patient_id
					         where i.value = :idValue""" + (query.identifierSystem() != null ? " and i.system = :idSystem)" : ")"));
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
		params.put("limit", query.limit());
		params.put("offset", query.offset());
		String source;
		String order;
		if (joins.isEmpty()) {
			source = "from patient p";
			order = "p.sort_key, p.id";
		}
		else {
			// The words alone rank the candidates from the covering token index; the patient table is joined only
			// for the other criteria.
			source = "from " + String.join(" ", joins);
			order = String.join(" + ", scores) + " desc, m0.sort_key, m0.patient_id";
			if (where.size() > 1) {
				source += " join patient p on p.id = m0.patient_id";
			}
			else {
				where.clear();
			}
		}
		String filter = source + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
		String id = joins.isEmpty() ? "p.id" : "m0.patient_id";
		int[] total = { 0 };
		List<Long> ids = jdbc.sql("select " + id + " as id, count(*) over () as total " + filter + " order by " + order
				+ " limit :limit offset :offset").params(params).query((rs, n) -> {
					total[0] = rs.getInt("total");
					return rs.getLong("id");
				}).list();
		if (ids.isEmpty() && query.offset() > 0) {
			total[0] = jdbc.sql("select count(*) " + filter).params(params).query(Integer.class).single();
		}
		return new Hits(ids, total[0]);
	}

	/**
	 * Adds one aggregate per word: the patients with a token starting with it, scored 2 when a token equals it. The
	 * first aggregate also carries the sort key; the others join it on the patient.
	 */
	private static void words(List<String> words, @Nullable String kind, List<String> joins, List<String> scores,
			Map<String, Object> params) {
		for (String word : words) {
			int i = joins.size();
			String aggregate = "(select patient_id, min(sort_key) as sort_key, max(case when token = :w" + i
					+ " then 2 else 1 end) as s from patient_name_token where token like :p" + i
					+ (kind == null ? "" : " and kind = '" + kind + "'") + " group by patient_id) m" + i;
			joins.add(i == 0 ? aggregate : "join " + aggregate + " on m" + i + ".patient_id = m0.patient_id");
			scores.add("m" + i + ".s");
			params.put("w" + i, word);
			params.put("p" + i, word + "%");
		}
	}

	static @Nullable LocalDate date(String fragment) {
		try {
			var m = DMY.matcher(fragment);
			if (m.matches()) {
				return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
						Integer.parseInt(m.group(1)));
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

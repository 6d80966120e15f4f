package continuum.patients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.audit.StatementAudit;
import continuum.changes.StatementChange;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The patient tables: rows, identifiers, name tokens and the version history. */
@Repository
class PatientRepository {

	static final String COLUMNS = """
			id, mrn, version, family_name, given_names, name_prefix, birth_date, gender, address_line, postal_code,
			city, country, phone, email, language, deceased, names, telecoms, merged_into, updated_at""";

	private static final int MRN_BLOCK = 32;

	private final JdbcClient jdbc;

	private final java.util.ArrayDeque<Long> mrnNumbers = new java.util.ArrayDeque<>();

	PatientRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The next MRN number, from a block of {@value #MRN_BLOCK} taken from the sequence at
	 * once: one round trip fewer per registration. A restart leaves at most a block of
	 * unused numbers, and MRNs were never gap-free (a failed registration uses one too).
	 */
	synchronized long nextMrnNumber() {
		if (mrnNumbers.isEmpty()) {
			mrnNumbers.addAll(jdbc.sql("select nextval('patient_mrn_seq') from generate_series(1, :n)")
				.param("n", MRN_BLOCK)
				.query(Long.class)
				.list());
		}
		return mrnNumbers.removeFirst();
	}

	/**
	 * A new patient in one statement: the row, its identifiers (the MRN first), its name
	 * tokens, the snapshot of version 1, and the registration's audit row and change. An
	 * identifier another patient already holds fails the whole statement with a duplicate
	 * key (after waiting for a concurrent holder to commit or roll back), so that nothing
	 * of the registration is written.
	 */
	NewRow insertNew(String mrn, PatientData data, Instant now, StatementAudit audit, StatementChange change) {
		List<Identifier> identifiers = new ArrayList<>();
		identifiers.add(Identifier.mrn(mrn));
		data.identifiers().stream().filter(i -> !i.isMrn()).forEach(identifiers::add);
		String[] systems = identifiers.stream().map(Identifier::system).toArray(String[]::new);
		String[] values = identifiers.stream().map(Identifier::value).toArray(String[]::new);
		List<PatientNameTokens.Token> tokens = PatientNameTokens.of(data.family(), data.given());
		String[] kinds = tokens.stream().map(t -> String.valueOf(t.kind())).toArray(String[]::new);
		String[] texts = tokens.stream().map(PatientNameTokens.Token::text).toArray(String[]::new);
		JdbcClient.StatementSpec statement = jdbc
			.sql("""
					with p as (
					    insert into patient (mrn, family_name, given_names, name_prefix, birth_date, gender, address_line,
					        postal_code, city, country, phone, email, language, deceased, names, telecoms, sort_key,
					        created_at, updated_at)
					    values (:mrn, :family, :given, :prefix, :birthDate, :gender, :line, :postalCode, :city, :country,
					        :phone, :email, :language, :deceased, cast(:names as jsonb), cast(:telecoms as jsonb), :sortKey,
					        :now, :now)
					    returning *),
					x as (
					    select x.system, x.value, x.position
					    from unnest(cast(:systems as varchar[]), cast(:values as varchar[])) with ordinality
					         as x(system, value, position)),
					i as (
					    insert into patient_identifier (patient_id, system, value)
					    select p.id, x.system, x.value from p, x order by x.position),
					t as (
					    insert into patient_name_token (patient_id, kind, token, sort_key)
					    select p.id, k.kind, k.token, p.sort_key
					    from p, unnest(cast(:kinds as varchar[]), cast(:tokens as varchar[])) as k(kind, token)),
					h as (
					    insert into patient_history (patient_id, version, snapshot, identifiers, recorded_at)
					    select p.id, p.version, to_jsonb(p) - 'sort_key',
					           (select jsonb_agg(jsonb_build_object('system', x.system, 'value', x.value) order by x.position)
					            from x), :now
					    from p),
					"""
					+ audit.cteForEach("p", "id") + ", " + change.cteForEach("p", "id") + """
							select p.id, p.updated_at from p""");
		return change.bind(audit.bind(statement))
			.param("mrn", mrn)
			.params(dataParams(data, now))
			.param("systems", systems)
			.param("values", values)
			.param("kinds", kinds)
			.param("tokens", texts)
			.query((rs, n) -> new NewRow(rs.getLong("id"), rs.getTimestamp("updated_at").toInstant()))
			.single();
	}

	/** What {@link #insertNew} wrote. */
	record NewRow(long id, Instant updatedAt) {
	}

	/** Updates when the stored version is the expected one; returns whether it did. */
	boolean update(long id, int expectedVersion, PatientData data, Instant now) {
		Map<String, Object> params = dataParams(data, now);
		params.put("id", id);
		params.put("expected", expectedVersion);
		return jdbc.sql("""
				update patient set version = version + 1, family_name = :family, given_names = :given,
				    name_prefix = :prefix, birth_date = :birthDate, gender = :gender, address_line = :line,
				    postal_code = :postalCode, city = :city, country = :country, phone = :phone, email = :email,
				    language = :language, deceased = :deceased, names = cast(:names as jsonb),
				    telecoms = cast(:telecoms as jsonb), sort_key = :sortKey, updated_at = :now
				where id = :id and version = :expected and merged_into is null""").params(params).update() == 1;
	}

	/**
	 * Locks both patients of a merge, lower id first, so that crossing merges (A into B,
	 * B into A) serialise.
	 */
	void lockPair(long first, long second) {
		jdbc.sql("select id from patient where id in (:a, :b) order by id for update")
			.param("a", first)
			.param("b", second)
			.query(Long.class)
			.list();
	}

	boolean markMerged(long duplicate, long survivor, Instant now) {
		return jdbc.sql("""
				update patient set merged_into = :survivor, version = version + 1, updated_at = :now
				where id = :id and merged_into is null""")
			.param("survivor", survivor)
			.param("id", duplicate)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * A survivor's new version: its FHIR representation gains a {@code replaces} link to
	 * the duplicate.
	 */
	void bumpSurvivor(long survivor, Instant now) {
		jdbc.sql("update patient set version = version + 1, updated_at = :now where id = :id")
			.param("id", survivor)
			.param("now", Timestamp.from(now))
			.update();
	}

	void replaceIdentifiers(long id, List<Identifier> identifiers) {
		jdbc.sql("delete from patient_identifier where patient_id = :id and system <> :mrn")
			.param("id", id)
			.param("mrn", Identifier.MRN_SYSTEM)
			.update();
		for (Identifier identifier : identifiers) {
			if (!identifier.isMrn()) {
				insertIdentifier(id, identifier);
			}
		}
	}

	void insertIdentifier(long id, Identifier identifier) {
		jdbc.sql("insert into patient_identifier (patient_id, system, value) values (:id, :system, :value)")
			.param("id", id)
			.param("system", identifier.system())
			.param("value", identifier.value())
			.update();
	}

	void replaceTokens(long id, PatientData data) {
		deleteTokens(id);
		String sortKey = PatientNameTokens.sortKey(data.family(), data.given());
		List<PatientNameTokens.Token> tokens = PatientNameTokens.of(data.family(), data.given());
		String[] kinds = new String[tokens.size()];
		String[] texts = new String[tokens.size()];
		for (int t = 0; t < tokens.size(); t++) {
			kinds[t] = String.valueOf(tokens.get(t).kind());
			texts[t] = tokens.get(t).text();
		}
		// One statement for all of a patient's tokens: registration is on the path of
		// every create.
		jdbc.sql("""
				insert into patient_name_token (patient_id, kind, token, sort_key)
				select :id, t.kind, t.token, :sortKey
				from unnest(cast(:kinds as varchar[]), cast(:tokens as varchar[])) as t(kind, token)""")
			.param("id", id)
			.param("kinds", kinds)
			.param("tokens", texts)
			.param("sortKey", sortKey)
			.update();
	}

	/** Takes a patient out of name search (a merged duplicate). */
	void deleteTokens(long id) {
		jdbc.sql("delete from patient_name_token where patient_id = :id").param("id", id).update();
	}

	/** Keeps the current row as the snapshot of its version. */
	void snapshot(long id, Instant now) {
		jdbc.sql(
				"""
						insert into patient_history (patient_id, version, snapshot, identifiers, recorded_at)
						select p.id, p.version, to_jsonb(p) - 'sort_key',
						       coalesce((select jsonb_agg(jsonb_build_object('system', i.system, 'value', i.value) order by i.id)
						                 from patient_identifier i where i.patient_id = p.id), '[]'::jsonb), :now
						from patient p where p.id = :id""")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * One patient in one round trip: the row, its identifiers and the duplicates merged
	 * into it.
	 */
	Optional<Patient> find(long id) {
		return jdbc.sql(FIND).param("id", id).query((rs, n) -> map(rs, identifiers(rs), replacedIds(rs))).optional();
	}

	/**
	 * The patient, read by the statement that also writes the read's audit row when the
	 * patient exists.
	 */
	Optional<Patient> find(long id, StatementAudit audit) {
		return audit.bind(jdbc.sql("with found as (" + FIND + "), " + audit.cte("found") + " select * from found"))
			.param("id", id)
			.query((rs, n) -> map(rs, identifiers(rs), replacedIds(rs)))
			.optional();
	}

	private static final String FIND = "select " + COLUMNS + """
			,
			       coalesce(ids.systems, cast('{}' as varchar[])) as id_systems,
			       coalesce(ids.vals, cast('{}' as varchar[])) as id_values,
			       array(select d.id from patient d where d.merged_into = p.id order by d.id) as replaced_ids
			from patient p
			     cross join lateral (select array_agg(i.system order by i.id) as systems,
			                                array_agg(i.value order by i.id) as vals
			                         from patient_identifier i where i.patient_id = p.id) ids
			where p.id = :id""";

	private static List<Identifier> identifiers(ResultSet rs) throws SQLException {
		String[] systems = (String[]) rs.getArray("id_systems").getArray();
		String[] values = (String[]) rs.getArray("id_values").getArray();
		List<Identifier> identifiers = new ArrayList<>(systems.length);
		for (int i = 0; i < systems.length; i++) {
			identifiers.add(new Identifier(systems[i], values[i]));
		}
		return sorted(identifiers);
	}

	private static List<PatientId> replacedIds(ResultSet rs) throws SQLException {
		Long[] ids = (Long[]) rs.getArray("replaced_ids").getArray();
		List<PatientId> replaced = new ArrayList<>(ids.length);
		for (Long replacedId : ids) {
			replaced.add(new PatientId(replacedId));
		}
		return replaced;
	}

	Optional<Patient> findVersion(long id, int version) {
		List<Identifier> identifiers = jdbc.sql("""
				select e ->> 'system' as system, e ->> 'value' as value
				from patient_history h, jsonb_array_elements(h.identifiers) with ordinality as x(e, n)
				where h.patient_id = :id and h.version = :version order by x.n""")
			.param("id", id)
			.param("version", version)
			.query((rs, n) -> new Identifier(rs.getString("system"), rs.getString("value")))
			.list();
		return jdbc.sql("select " + COLUMNS + " from " + """
				(select (jsonb_populate_record(null::patient, h.snapshot)).*
				       from patient_history h where h.patient_id = :id and h.version = :version) p""")
			.param("id", id)
			.param("version", version)
			.query((rs, n) -> map(rs, sorted(identifiers), replacedBy(id, rs.getTimestamp("updated_at"))))
			.optional();
	}

	/**
	 * The duplicates merged into a survivor at or before the time of one of its versions:
	 * a merge writes the same instant on both patients, and a merged duplicate is never
	 * updated again.
	 */
	private List<PatientId> replacedBy(long survivor, Timestamp at) {
		return jdbc.sql("select id from patient where merged_into = :id and updated_at <= :at order by id")
			.param("id", survivor)
			.param("at", at)
			.query((rs, n) -> new PatientId(rs.getLong("id")))
			.list();
	}

	/** The duplicates merged into each of these patients now, by survivor id. */
	private Map<Long, List<PatientId>> replaced(Collection<Long> ids) {
		Map<Long, List<PatientId>> result = new HashMap<>();
		jdbc.sql("select merged_into, id from patient where merged_into in (:ids) order by id")
			.param("ids", ids)
			.query((rs, n) -> result.computeIfAbsent(rs.getLong("merged_into"), k -> new ArrayList<>())
				.add(new PatientId(rs.getLong("id"))))
			.list();
		return result;
	}

	/** The patients with these ids, in the order of the ids. */
	List<Patient> findAll(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, List<Identifier>> identifiers = identifiers(ids);
		Map<Long, List<PatientId>> replaced = replaced(ids);
		Map<Long, Patient> byId = new HashMap<>();
		jdbc.sql("select " + COLUMNS + " from patient where id in (:ids)")
			.param("ids", ids)
			.query((rs, n) -> map(rs, identifiers.getOrDefault(rs.getLong("id"), List.of()),
					replaced.getOrDefault(rs.getLong("id"), List.of())))
			.list()
			.forEach(p -> byId.put(p.id().value(), p));
		List<Patient> result = new ArrayList<>();
		for (Long id : ids) {
			Patient p = byId.get(id);
			if (p != null) {
				result.add(p);
			}
		}
		return result;
	}

	/**
	 * Like {@link #mergedInto}, holding a share lock on the patient until the end of the
	 * transaction: an entry being added to a patient cannot interleave with the merge of
	 * that patient.
	 */
	Optional<Long> mergedIntoLocked(long id) {
		return jdbc.sql("select coalesce(merged_into, 0) from patient where id = :id for share")
			.param("id", id)
			.query(Long.class)
			.optional();
	}

	/**
	 * For an existing patient: the id of the patient it was merged into, or 0 if it was
	 * not merged.
	 */
	Optional<Long> mergedInto(long id) {
		return jdbc.sql("select coalesce(merged_into, 0) from patient where id = :id")
			.param("id", id)
			.query(Long.class)
			.optional();
	}

	boolean exists(long id) {
		return jdbc.sql("select exists (select 1 from patient where id = :id)")
			.param("id", id)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Summaries of the patients with these ids (merged ones as they are stored), by id.
	 */
	Map<Long, PatientSummaryRow> summaries(Collection<Long> ids) {
		Map<Long, PatientSummaryRow> result = new HashMap<>();
		if (ids.isEmpty()) {
			return result;
		}
		jdbc.sql("""
				select id, mrn, family_name, given_names, birth_date, gender, coalesce(merged_into, 0) as merged_into
				from patient where id in (:ids)""")
			.param("ids", ids)
			.query((rs, n) -> new PatientSummaryRow(
					new PatientSummary(new PatientId(rs.getLong("id")), rs.getString("mrn"),
							rs.getString("family_name"),
							rs.getString("given_names") == null ? "" : rs.getString("given_names"),
							rs.getObject("birth_date", LocalDate.class), Gender.ofCode(rs.getString("gender"))),
					rs.getLong("merged_into")))
			.list()
			.forEach(row -> result.put(row.summary().id().value(), row));
		return result;
	}

	/** A summary and, for a merged duplicate, the id it was merged into (else 0). */
	record PatientSummaryRow(PatientSummary summary, long mergedInto) {
	}

	Optional<Long> findByIdentifier(String system, String value) {
		return jdbc.sql("select patient_id from patient_identifier where system = :system and value = :value")
			.param("system", system)
			.param("value", value)
			.query(Long.class)
			.optional();
	}

	List<Long> findByIdentifierValue(String value) {
		return jdbc.sql("select distinct patient_id from patient_identifier where value = :value order by patient_id")
			.param("value", value)
			.query(Long.class)
			.list();
	}

	List<Long> idsInRegistrationOrder(int limit) {
		return jdbc.sql("select id from patient where merged_into is null order by id limit :limit")
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/**
	 * Serialises writers that claim the same identifier until the end of the transaction.
	 */
	void lockIdentifier(Identifier identifier) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 100))")
			.param("key", identifier.system() + "|" + identifier.value())
			.query((rs, n) -> 1)
			.list();
	}

	private Map<Long, List<Identifier>> identifiers(Collection<Long> ids) {
		Map<Long, List<Identifier>> result = new HashMap<>();
		jdbc.sql("select patient_id, system, value from patient_identifier where patient_id in (:ids) order by id")
			.param("ids", ids)
			.query((rs, n) -> {
				result.computeIfAbsent(rs.getLong("patient_id"), k -> new ArrayList<>())
					.add(new Identifier(rs.getString("system"), rs.getString("value")));
				return null;
			})
			.list();
		result.replaceAll((id, list) -> sorted(list));
		return result;
	}

	/** MRN first, others in stored order. */
	private static List<Identifier> sorted(List<Identifier> identifiers) {
		List<Identifier> result = new ArrayList<>(identifiers);
		result.sort((a, b) -> Boolean.compare(b.isMrn(), a.isMrn()));
		return result;
	}

	static Patient map(ResultSet rs, List<Identifier> identifiers, List<PatientId> replaces) throws SQLException {
		String given = rs.getString("given_names");
		LocalDate birthDate = rs.getObject("birth_date", LocalDate.class);
		long merged = rs.getLong("merged_into");
		PatientData data = new PatientData(identifiers, rs.getString("family_name"),
				given == null ? List.of() : Arrays.asList(given.split(" ")), rs.getString("name_prefix"), birthDate,
				Gender.ofCode(rs.getString("gender")),
				new Address(rs.getString("address_line"), rs.getString("postal_code"), rs.getString("city"),
						rs.getString("country")),
				rs.getString("phone"), rs.getString("email"), rs.getString("language"), rs.getBoolean("deceased"),
				list(rs.getString("names"), PersonName[].class), list(rs.getString("telecoms"), Telecom[].class));
		return new Patient(new PatientId(rs.getLong("id")), rs.getInt("version"), rs.getString("mrn"), data,
				merged == 0 ? null : new PatientId(merged), rs.getTimestamp("updated_at").toInstant(), replaces);
	}

	/**
	 * The names or contact points kept as JSON; none (null) when they are only those of
	 * the registration form, which the columns hold.
	 */
	private static <T> List<T> list(@Nullable String json, Class<T[]> type) {
		return json == null ? List.of() : List.of(JsonMapper.shared().readValue(json, type));
	}

	private static Map<String, Object> dataParams(PatientData data, Instant now) {
		Map<String, Object> params = new HashMap<>();
		params.put("family", data.family());
		params.put("given", data.given().isEmpty() ? null : String.join(" ", data.given()));
		params.put("prefix", data.prefix());
		params.put("birthDate", data.birthDate());
		params.put("gender", data.gender().code());
		params.put("line", data.address().line());
		params.put("postalCode", data.address().postalCode());
		params.put("city", data.address().city());
		params.put("country", data.address().country());
		params.put("phone", data.phone());
		params.put("email", data.email());
		params.put("language", data.language());
		params.put("deceased", data.deceased());
		boolean formOnly = data.hasOnlyFormNamesAndTelecoms();
		params.put("names", formOnly ? null : JsonMapper.shared().writeValueAsString(data.names()));
		params.put("telecoms", formOnly ? null : JsonMapper.shared().writeValueAsString(data.telecoms()));
		params.put("sortKey", PatientNameTokens.sortKey(data.family(), data.given()));
		params.put("now", Timestamp.from(now));
		return params;
	}

}

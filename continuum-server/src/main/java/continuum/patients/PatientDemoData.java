package continuum.patients;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.platform.DemoDataContributor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Seeds {@code DemoSize.patients()} demo patients (2,000 by default;
 * {@code CONTINUUM_DEMO_PATIENTS=100000} for benchmarks) with their allergies,
 * medications and problems. Rows go in with one array-{@code unnest} insert per table and
 * chunk of 1,000 patients, so 100,000 patients take well under the time the per-row path
 * would. Each patient gets one CREATE entry in the change feed; its clinical entries come
 * with it.
 */
@Component
class PatientDemoData implements DemoDataContributor {

	private static final int CHUNK = 1000;

	private final JdbcTemplate jdbc;

	private final ChangeFeed changes;

	private final Clock clock;

	PatientDemoData(JdbcTemplate jdbc, ChangeFeed changes, Clock clock) {
		this.jdbc = jdbc;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * The fewest patients after which seeding analyzes the tables: autovacuum's own first
	 * analyze of them waits for as many rows.
	 */
	static final int ANALYZE_AFTER = 1000;

	@Override
	public String name() {
		return "patients";
	}

	@Override
	public int order() {
		return 30;
	}

	@Override
	public void seed(DemoSize size) {
		DemoPopulation population = new DemoPopulation(size.randomSeed());
		for (int done = 0; done < size.patients(); done += CHUNK) {
			List<DemoPopulation.Person> chunk = new ArrayList<>();
			for (int i = 0; i < Math.min(CHUNK, size.patients() - done); i++) {
				chunk.add(population.next());
			}
			insert(chunk);
		}
		// Fresh statistics, so the first searches after a large seed get good plans
		// instead of waiting for autovacuum. Not after a small one: statistics of an
		// (almost) empty table make every plan a full scan, kept while the table grows
		// (see migration V9); without them the planner goes by the table's real size.
		if (analyzesAfter(size)) {
			jdbc.execute("analyze patient, patient_identifier, patient_name_token, allergy_intolerance,"
					+ " medication_statement, condition");
		}
	}

	/** Whether seeding this many patients ends with an analyze of their tables. */
	static boolean analyzesAfter(DemoSize size) {
		return size.patients() >= ANALYZE_AFTER;
	}

	private void insert(List<DemoPopulation.Person> people) {
		Instant now = clock.instant();
		List<Long> mrnNumbers = jdbc.queryForList("select nextval('patient_mrn_seq') from generate_series(1, ?)",
				Long.class, people.size());
		Columns patients = new Columns();
		for (int i = 0; i < people.size(); i++) {
			PatientData d = people.get(i).data();
			patients.add("mrn", Mrn.fromSequence(mrnNumbers.get(i)).value());
			patients.add("family_name", d.family());
			patients.add("given_names", String.join(" ", d.given()));
			patients.add("birth_date", d.birthDate());
			patients.add("gender", d.gender().code());
			patients.add("address_line", d.address().line());
			patients.add("postal_code", d.address().postalCode());
			patients.add("city", d.address().city());
			patients.add("country", d.address().country());
			patients.add("phone", d.phone());
			patients.add("language", d.language());
			patients.add("deceased", d.deceased());
			patients.add("sort_key", PatientNameTokens.sortKey(d.family(), d.given()));
			patients.add("created_at", now);
			patients.add("updated_at", now);
		}
		Map<String, Long> idsByMrn = new HashMap<>();
		jdbc.query(con -> patients.insert(con, "patient", "returning id, mrn"), rs -> {
			idsByMrn.put(rs.getString("mrn"), rs.getLong("id"));
		});
		Columns identifiers = new Columns();
		Columns tokens = new Columns();
		Map<ClinicalKind<?>, Columns> entries = new HashMap<>();
		Long[] ids = new Long[people.size()];
		for (int i = 0; i < people.size(); i++) {
			DemoPopulation.Person person = people.get(i);
			String mrn = Mrn.fromSequence(mrnNumbers.get(i)).value();
			long id = idsByMrn.get(mrn);
			ids[i] = id;
			identifiers.add("patient_id", id).add("system", Identifier.MRN_SYSTEM).add("value", mrn);
			for (Identifier identifier : person.data().identifiers()) {
				identifiers.add("patient_id", id).add("system", identifier.system()).add("value", identifier.value());
			}
			String sortKey = PatientNameTokens.sortKey(person.data().family(), person.data().given());
			for (PatientNameTokens.Token token : PatientNameTokens.of(person.data().family(), person.data().given())) {
				tokens.add("patient_id", id)
					.add("kind", String.valueOf(token.kind()))
					.add("token", token.text())
					.add("sort_key", sortKey);
			}
			PatientId patient = new PatientId(id);
			entries(entries, ClinicalKind.ALLERGIES, person.allergies(), patient, now);
			entries(entries, ClinicalKind.MEDICATIONS, person.medications(), patient, now);
			entries(entries, ClinicalKind.PROBLEMS, person.problems(), patient, now);
		}
		jdbc.update(con -> identifiers.insert(con, "patient_identifier", ""));
		jdbc.update(con -> tokens.insert(con, "patient_name_token", "on conflict do nothing"));
		jdbc.update(con -> {
			PreparedStatement ps = con.prepareStatement("""
					insert into patient_history (patient_id, version, snapshot, identifiers, recorded_at)
					select p.id, p.version, to_jsonb(p) - 'sort_key',
					       coalesce((select jsonb_agg(jsonb_build_object('system', i.system, 'value', i.value)
					                                  order by i.id)
					                 from patient_identifier i where i.patient_id = p.id), '[]'::jsonb), p.created_at
					from patient p where p.id = any(?)""");
			ps.setArray(1, con.createArrayOf("bigint", ids));
			return ps;
		});
		for (ClinicalKind<?> kind : ClinicalKind.ALL) {
			Columns rows = entries.get(kind);
			if (rows == null || rows.isEmpty()) {
				continue;
			}
			jdbc.update(con -> rows.insert(con, kind.table(), ""));
			jdbc.update(con -> {
				PreparedStatement ps = con.prepareStatement("insert into clinical_history (resource_type, resource_id,"
						+ " version, snapshot, recorded_at) select ?, t.id, t.version, to_jsonb(t), t.updated_at from "
						+ kind.table() + " t where t.patient_id = any(?)");
				ps.setString(1, kind.resourceType());
				ps.setArray(2, con.createArrayOf("bigint", ids));
				return ps;
			});
		}
		for (Long id : ids) {
			changes.append(PatientService.TYPE, id.toString(), id.toString(), ChangeOperation.CREATE);
		}
	}

	private static <T extends ClinicalEntry> void entries(Map<ClinicalKind<?>, Columns> rows, ClinicalKind<T> kind,
			List<T> entries, PatientId patient, Instant now) {
		Columns columns = rows.computeIfAbsent(kind, k -> new Columns());
		for (T entry : entries) {
			columns.add("patient_id", patient.value());
			kind.columns(entry).forEach(columns::add);
			columns.add("updated_at", now);
		}
	}

	/**
	 * Column-wise values for one multi-row insert: every value travels as text in one
	 * array per column and is cast back to the column's own type, read from the catalog.
	 */
	private static final class Columns {

		private final Map<String, List<@Nullable String>> values = new LinkedHashMap<>();

		Columns add(String column, @Nullable Object value) {
			values.computeIfAbsent(column, c -> new ArrayList<>()).add(value == null ? null : value.toString());
			return this;
		}

		boolean isEmpty() {
			return values.isEmpty();
		}

		PreparedStatement insert(Connection con, String table, String suffix) throws SQLException {
			Map<String, String> types = new HashMap<>();
			try (PreparedStatement ps = con
				.prepareStatement("select column_name, udt_name from information_schema.columns where table_name = ?"
						+ " and table_schema = current_schema()")) {
				ps.setString(1, table);
				try (var rs = ps.executeQuery()) {
					while (rs.next()) {
						types.put(rs.getString(1), rs.getString(2));
					}
				}
			}
			List<String> names = new ArrayList<>(values.keySet());
			List<String> selects = new ArrayList<>();
			List<String> arrays = new ArrayList<>();
			for (int i = 0; i < names.size(); i++) {
				selects.add("c" + i + "::" + types.get(names.get(i)));
				arrays.add("?::text[]");
			}
			List<String> aliases = new ArrayList<>();
			for (int i = 0; i < names.size(); i++) {
				aliases.add("c" + i);
			}
			String sql = "insert into " + table + " (" + String.join(", ", names) + ") select "
					+ String.join(", ", selects) + " from unnest(" + String.join(", ", arrays) + ") as u("
					+ String.join(", ", aliases) + ") " + suffix;
			PreparedStatement ps = con.prepareStatement(sql);
			for (int i = 0; i < names.size(); i++) {
				Array array = con.createArrayOf("text", values.get(names.get(i)).toArray());
				ps.setArray(i + 1, array);
			}
			return ps;
		}

	}

}

package continuum.lab;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CatalogueRepository {

	/** A range row with the band it applies to. */
	record RangeRow(String testCode, String sex, int fromDays, Integer toDays, ReferenceRange range) {
	}

	private final JdbcClient jdbc;

	CatalogueRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Bench> benches() {
		return jdbc.sql("select code, name, analyzer from lab_bench order by code")
			.query((rs, n) -> new Bench(rs.getString("code"), rs.getString("name"), rs.getString("analyzer")))
			.list();
	}

	Map<String, LabTest> tests() {
		Map<String, LabTest> tests = new LinkedHashMap<>();
		jdbc.sql("""
				select t.code, t.name, t.short_name, t.specimen_type, t.container, t.value_type, t.unit, t.decimals,
				       t.bench, b.analyzer, t.method
				from lab_test t join lab_bench b on b.code = t.bench order by t.sort_order, t.code""")
			.query((rs, n) -> new LabTest(rs.getString("code"), rs.getString("name"), rs.getString("short_name"),
					rs.getString("specimen_type"), rs.getString("container"), rs.getString("value_type"),
					rs.getString("unit"), (Integer) rs.getObject("decimals", Integer.class), rs.getString("bench"),
					rs.getString("analyzer"), rs.getString("method")))
			.list()
			.forEach(test -> tests.put(test.code(), test));
		return tests;
	}

	Map<String, Orderable> orderables(Map<String, LabTest> tests) {
		Map<String, List<LabTest>> members = new LinkedHashMap<>();
		jdbc.sql("select orderable_code, test_code from lab_orderable_test order by orderable_code, position")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.forEach(e -> members.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(tests.get(e.getValue())));
		Map<String, Orderable> orderables = new LinkedHashMap<>();
		jdbc.sql("select code, name, short_name from lab_orderable order by sort_order, code")
			.query((rs, n) -> new Orderable(rs.getString("code"), rs.getString("name"), rs.getString("short_name"),
					List.copyOf(members.getOrDefault(rs.getString("code"), List.of()))))
			.list()
			.forEach(o -> orderables.put(o.code(), o));
		return orderables;
	}

	List<RangeRow> ranges() {
		return jdbc.sql("""
				select test_code, sex, age_from_days, age_to_days, low, high, critical_low, critical_high, normal_text
				from lab_reference_range order by test_code, id""")
			.query((rs, n) -> new RangeRow(rs.getString("test_code"), rs.getString("sex"), rs.getInt("age_from_days"),
					(Integer) rs.getObject("age_to_days", Integer.class),
					new ReferenceRange(decimal(rs.getBigDecimal("low")), decimal(rs.getBigDecimal("high")),
							decimal(rs.getBigDecimal("critical_low")), decimal(rs.getBigDecimal("critical_high")),
							rs.getString("normal_text"))))
			.list();
	}

	private static BigDecimal decimal(BigDecimal value) {
		return value == null ? null
				: value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros();
	}

}

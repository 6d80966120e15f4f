package continuum.patients;

import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.QueryPlans;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export pages downtime nodes load by are keyset pages: a page deep in the table
 * reads the rows of the page, not every row before it as an offset would, so the
 * 100,000th patient costs what the first does.
 */
@ContinuumIntegrationTest
class PatientExportIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aPageDeepInThePatientsReadsOnlyThePage() {
		long middle = jdbc.sql("select id from patient order by id offset 200 limit 1").query(Long.class).single();
		long merged = jdbc.sql("select count(*) from patient where merged_into is not null and id > :after")
			.param("after", middle)
			.query(Long.class)
			.single();
		JsonNode plan = explain(PatientExportRepository.PATIENT_IDS_AFTER, Map.of("after", middle, "limit", 20));
		assertThat(QueryPlans.rowsRead(plan, "patient")).isLessThanOrEqualTo(20 + merged);
	}

	@Test
	void aPageDeepInTheAllergiesReadsOnlyThePage() {
		long middle = jdbc.sql("select id from allergy_intolerance order by id offset 200 limit 1")
			.query(Long.class)
			.single();
		long skipped = jdbc.sql("""
				select count(*) from allergy_intolerance a where a.id > :after
				and (a.deleted_at is not null or a.verification_status = 'entered-in-error')""")
			.param("after", middle)
			.query(Long.class)
			.single();
		JsonNode plan = explain(PatientExportRepository.entryPage(ClinicalKind.ALLERGIES),
				Map.of("after", middle, "limit", 20));
		assertThat(QueryPlans.rowsRead(plan, "allergy_intolerance")).as(plan.toString())
			.isLessThanOrEqualTo(20 + skipped);
	}

	private JsonNode explain(String sql, Map<String, ?> params) {
		return transactions.execute(status -> {
			status.setRollbackOnly();
			jdbc.sql("set local enable_seqscan = off").update();
			jdbc.sql("set local enable_bitmapscan = off").update();
			return QueryPlans.analyze(jdbc, sql, params);
		});
	}

}

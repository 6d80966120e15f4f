package continuum;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What PostgreSQL did to run a statement, from {@code explain (analyze, format json)}:
 * for tests that pin a statement's cost to the rows it needs, whatever plan the
 * statistics of the moment lead to.
 */
public final class QueryPlans {

	private QueryPlans() {
	}

	/**
	 * Runs the statement under {@code explain (analyze, format json)} (it executes: run
	 * it in a transaction or savepoint that is rolled back) and returns the plan it ran.
	 */
	public static JsonNode analyze(JdbcClient jdbc, String sql, java.util.Map<String, ?> params) {
		String json = jdbc.sql("explain (analyze, format json) " + sql).params(params).query(String.class).single();
		return new ObjectMapper().readTree(json).get(0).get("Plan");
	}

	/**
	 * Rows the plan read from the table, over every node that scans it and every loop.
	 */
	public static long rowsRead(JsonNode plan, String table) {
		long rows = table.equals(plan.path("Relation Name").asString(""))
				? plan.get("Actual Rows").asLong() * plan.get("Actual Loops").asLong() : 0;
		for (JsonNode child : plan.path("Plans")) {
			rows += rowsRead(child, table);
		}
		return rows;
	}

}

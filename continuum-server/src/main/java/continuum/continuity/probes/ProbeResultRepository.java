package continuum.continuity.probes;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every probe's result, kept for the retention. */
@Repository
public class ProbeResultRepository {

	private final JdbcClient jdbc;

	ProbeResultRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(String code, ProbeResult result) {
		jdbc.sql("""
				insert into continuity_probe_result (component_code, probed_at, outcome, latency_ms, error_code)
				values (:code, :at, :outcome, :latency, :error)""")
			.param("code", code)
			.param("at", Timestamp.from(result.at()))
			.param("outcome", result.outcome().result().code())
			.param("latency", (int) Math.min(Integer.MAX_VALUE, result.latency().toMillis()))
			.param("error", result.outcome().code() == null ? null : result.outcome().code().code())
			.update();
	}

	/** The newest results of the component, newest first. */
	public List<ProbeResult> recent(String code, int limit) {
		return jdbc.sql("""
				select probed_at, outcome, latency_ms, error_code from continuity_probe_result
				where component_code = :code order by probed_at desc, id desc limit :limit""")
			.param("code", code)
			.param("limit", limit)
			.query((rs, n) -> new ProbeResult(rs.getTimestamp("probed_at").toInstant(),
					new ProbeOutcome(ProbeOutcome.Result.of(rs.getString("outcome")),
							rs.getString("error_code") == null ? null : ProbeCode.of(rs.getString("error_code"))),
					java.time.Duration.ofMillis(rs.getInt("latency_ms"))))
			.list();
	}

	int prune(Instant before) {
		return jdbc.sql("delete from continuity_probe_result where probed_at < :before")
			.param("before", Timestamp.from(before))
			.update();
	}

}

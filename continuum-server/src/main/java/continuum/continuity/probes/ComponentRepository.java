package continuum.continuity.probes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import continuum.continuity.ComponentState;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The component catalogue's table. Public for the incident state machine of the same
 * module ({@code continuity.incidents}), which keeps each component's run and state.
 */
@Repository
public class ComponentRepository {

	private final JdbcClient jdbc;

	ComponentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds the component with these thresholds and interval, or updates its name, kind,
	 * target and position, and its thresholds and interval only where the definition
	 * gives them (else they are kept). Answers whether anything changed.
	 */
	boolean upsert(ComponentDefinition definition, int failureThreshold, int recoveryThreshold, Duration interval,
			Instant now) {
		return jdbc.sql("""
				insert into continuity_component (code, name, kind, target, failure_threshold, recovery_threshold,
				    probe_interval_ms, state, state_since, next_probe_at, position, created_at)
				values (:code, :name, :kind, :target, :failures, :successes, :interval, 'operational', :now, :now,
				    :position, :now)
				on conflict (code) do update set name = excluded.name, kind = excluded.kind, target = excluded.target,
				    position = excluded.position,
				    failure_threshold = coalesce(:givenFailures, continuity_component.failure_threshold),
				    recovery_threshold = coalesce(:givenSuccesses, continuity_component.recovery_threshold),
				    probe_interval_ms = coalesce(:givenInterval, continuity_component.probe_interval_ms)
				where (continuity_component.name, continuity_component.kind, continuity_component.target,
				       continuity_component.position)
				      is distinct from (excluded.name, excluded.kind, excluded.target, excluded.position)
				   or (cast(:givenFailures as integer) is not null
				       and continuity_component.failure_threshold <> :givenFailures)
				   or (cast(:givenSuccesses as integer) is not null
				       and continuity_component.recovery_threshold <> :givenSuccesses)
				   or (cast(:givenInterval as bigint) is not null
				       and continuity_component.probe_interval_ms <> :givenInterval)""")
			.param("code", definition.code())
			.param("name", definition.name())
			.param("kind", definition.kind())
			.param("target", definition.target())
			.param("failures", failureThreshold)
			.param("successes", recoveryThreshold)
			.param("interval", interval.toMillis())
			.param("givenFailures", definition.failureThreshold())
			.param("givenSuccesses", definition.recoveryThreshold())
			.param("givenInterval", definition.probeInterval() == null ? null : definition.probeInterval().toMillis())
			.param("position", definition.position())
			.param("now", Timestamp.from(now))
			.update() > 0;
	}

	public List<Component> all() {
		return jdbc.sql("select * from continuity_component order by position, name, code")
			.query((rs, n) -> component(rs))
			.list();
	}

	public Optional<Component> find(String code) {
		return jdbc.sql("select * from continuity_component where code = :code")
			.param("code", code)
			.query((rs, n) -> component(rs))
			.optional();
	}

	/** Reads and locks the component until the end of the transaction. */
	public Optional<Component> lock(String code) {
		return jdbc.sql("select * from continuity_component where code = :code for update")
			.param("code", code)
			.query((rs, n) -> component(rs))
			.optional();
	}

	/**
	 * Claims up to {@code limit} configured components whose probe is due, moving their
	 * next probe one interval on: another server node skips the rows claimed here.
	 */
	List<Component> claimDue(Instant now, int limit) {
		return jdbc.sql("""
				update continuity_component c
				set next_probe_at = cast(:now as timestamptz) + c.probe_interval_ms * interval '1 millisecond'
				where c.code in (select code from continuity_component
				                 where target is not null and target <> '' and next_probe_at <= :now
				                 order by next_probe_at, code limit :limit for update skip locked)
				returning c.*""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, n) -> component(rs))
			.list();
	}

	public void saveRun(String code, Component.Run run, Instant probedAt, @Nullable String error) {
		jdbc.sql("""
				update continuity_component set consecutive_failures = :failures, consecutive_successes = :successes,
				    failing_since = :failingSince, recovering_since = :recoveringSince, last_probe_at = :at,
				    last_error = :error
				where code = :code""")
			.param("code", code)
			.param("failures", run.failures())
			.param("successes", run.successes())
			.param("failingSince", timestamp(run.failingSince()))
			.param("recoveringSince", timestamp(run.recoveringSince()))
			.param("at", Timestamp.from(probedAt))
			.param("error", error)
			.update();
	}

	/** Sets the state (and since when) of the component if it differs. */
	public void setState(String code, ComponentState state, Instant now) {
		jdbc.sql("""
				update continuity_component set state = :state, state_since = :now
				where code = :code and state <> :state""")
			.param("code", code)
			.param("state", state.code())
			.param("now", Timestamp.from(now))
			.update();
	}

	void setThresholds(String code, int failureThreshold, int recoveryThreshold, Duration interval) {
		jdbc.sql("""
				update continuity_component set failure_threshold = :failures, recovery_threshold = :successes,
				    probe_interval_ms = :interval
				where code = :code""")
			.param("code", code)
			.param("failures", failureThreshold)
			.param("successes", recoveryThreshold)
			.param("interval", interval.toMillis())
			.update();
	}

	private static Component component(ResultSet rs) throws SQLException {
		return new Component(rs.getString("code"), rs.getString("name"), rs.getString("kind"), rs.getString("target"),
				rs.getInt("failure_threshold"), rs.getInt("recovery_threshold"),
				Duration.ofMillis(rs.getLong("probe_interval_ms")), ComponentState.of(rs.getString("state")),
				rs.getTimestamp("state_since").toInstant(),
				new Component.Run(rs.getInt("consecutive_failures"), rs.getInt("consecutive_successes"),
						instant(rs.getTimestamp("failing_since")), instant(rs.getTimestamp("recovering_since"))),
				instant(rs.getTimestamp("last_probe_at")), rs.getString("last_error"), rs.getInt("position"));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}

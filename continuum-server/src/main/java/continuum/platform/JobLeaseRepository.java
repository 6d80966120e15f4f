package continuum.platform;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code job_lease} table. Every expiry is set and compared with the database's
 * {@code now()} (the start of the statement's transaction): one clock for every node, and
 * an instant no later than the statement's execution, so a lease set here never lasts
 * longer than its holder believes.
 */
@Repository
class JobLeaseRepository {

	private final JdbcClient jdbc;

	JobLeaseRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * For each job: takes its lease for {@code holder} when nobody holds it, it has
	 * expired, or {@code holder} holds it already (then it is renewed). One statement for
	 * all jobs; two nodes claiming one lease at once are serialised on its row, and the
	 * second finds it live. Answers the jobs {@code holder} holds now.
	 */
	List<String> claim(Collection<String> jobs, String holder, Duration ttl) {
		return jdbc.sql("""
				insert into job_lease as l (job, holder, acquired_at, renewed_at, expires_at)
				select j, :holder, now(), now(), now() + cast(:ttlMs as bigint) * interval '1 millisecond'
				from unnest(cast(:jobs as text[])) as j
				on conflict (job) do update
				set holder = excluded.holder,
				    acquired_at = case when l.holder = excluded.holder then l.acquired_at else excluded.acquired_at end,
				    renewed_at = excluded.renewed_at,
				    expires_at = excluded.expires_at
				where l.holder = excluded.holder or l.expires_at <= now()
				returning l.job""")
			.param("jobs", jobs.toArray(String[]::new))
			.param("holder", holder)
			.param("ttlMs", ttl.toMillis())
			.query(String.class)
			.list();
	}

	/**
	 * Ends {@code holder}'s leases of these jobs now (they keep their holder, for the
	 * record), so that another node can take them at its next claim.
	 */
	int release(Collection<String> jobs, String holder) {
		return jdbc.sql("""
				update job_lease set expires_at = now()
				where job = any(cast(:jobs as text[])) and holder = :holder and expires_at > now()""")
			.param("jobs", jobs.toArray(String[]::new))
			.param("holder", holder)
			.update();
	}

	List<JobLease> all() {
		return jdbc.sql("""
				select job, holder, acquired_at, renewed_at, expires_at, expires_at > now() as live
				from job_lease order by job""")
			.query((rs, n) -> new JobLease(rs.getString("job"), rs.getString("holder"),
					rs.getTimestamp("acquired_at").toInstant(), rs.getTimestamp("renewed_at").toInstant(),
					rs.getTimestamp("expires_at").toInstant(), rs.getBoolean("live")))
			.list();
	}

}
